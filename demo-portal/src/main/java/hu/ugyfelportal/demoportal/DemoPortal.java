package hu.ugyfelportal.demoportal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal customer portal on the JDK's HTTP server, for the local run and the tests: {@code /} shows the chosen
 * client number of the logged-in customer (or a login button), {@code /login} starts the login at Keycloak,
 * {@code /login/callback} finishes it, {@code POST /logout} ends the portal's and Keycloak's sessions and comes back
 * to {@code /logged-out}. Its sessions are in memory: a development tool, not a cluster node.
 * <p>
 * Each login attempt has its own {@code state}, bound to the browser that started it, so a second tab, the Back button
 * or a login page left open cannot spoil another attempt (docs/portal-integration.md: what a real portal must do).
 */
public final class DemoPortal implements AutoCloseable {

    private static final String SESSION_COOKIE = "portal_session";
    /** Names the browser, so that a login attempt is finished only by the browser that started it. */
    private static final String BROWSER_COOKIE = "portal_browser";
    /** Keycloak's error_description when the login page the browser came back from belongs to a finished login. */
    private static final String AUTHENTICATION_EXPIRED = "authentication_expired";
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);
    private static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    private final HttpServer server;
    private final PortalSettings settings;
    private final OidcClient oidc;
    /** Login attempts under way, by their {@code state}. */
    private final Map<String, Expiring<Attempt>> attempts = new ConcurrentHashMap<>();
    private final Map<String, Expiring<OidcClient.LoggedIn>> sessions = new ConcurrentHashMap<>();

    private record Expiring<T>(T value, Instant expiresAt) {

        boolean expired() {
            return Instant.now().isAfter(expiresAt);
        }
    }

    /** One login attempt: the browser that started it and what its answer must match. */
    private record Attempt(String browser, OidcClient.PendingLogin login) {
    }

    private DemoPortal(HttpServer server, PortalSettings settings) {
        this.server = server;
        this.settings = settings;
        this.oidc = new OidcClient(settings);
    }

    /** Starts the portal listening on {@code bindAddress} and the port of the settings' portal URL. */
    public static DemoPortal start(PortalSettings settings, String bindAddress) {
        int port = URI.create(settings.portalUrl()).getPort();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
            DemoPortal portal = new DemoPortal(server, settings);
            server.createContext("/", portal::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return portal;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the demo portal on " + bindAddress + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    public String url() {
        return settings.portalUrl();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                Optional<OidcClient.LoggedIn> session = current(sessions, cookie(exchange, SESSION_COOKIE));
                String actionStatus = query(exchange.getRequestURI().getRawQuery()).get(PortalPages.ACTION_STATUS);
                html(exchange, 200, session.map(login -> PortalPages.customer(login.claims(), settings.profileUrl(),
                                actionStatus))
                        .orElseGet(PortalPages::start));
            } else if (method.equals("GET") && path.equals("/login")) {
                startLogin(exchange, Map.of());
            } else if (method.equals("GET") && path.equals("/link-dap")) {
                // Keycloak's application-initiated action: its confirmation, the QR, then back here with the status.
                startLogin(exchange, Map.of("kc_action", "idp_link:dap"));
            } else if (method.equals("GET") && path.equals("/login/callback")) {
                finishLogin(exchange);
            } else if (method.equals("POST") && path.equals("/logout")) {
                logout(exchange);
            } else if (method.equals("GET") && path.equals("/logged-out")) {
                html(exchange, 200, PortalPages.loggedOut());
            } else {
                html(exchange, 404, PortalPages.notFound());
            }
        }
    }

    /** {@code extraParameters}: what this attempt asks of Keycloak beyond a login ({@code kc_action}). */
    private void startLogin(HttpExchange exchange, Map<String, String> extraParameters) throws IOException {
        attempts.values().removeIf(Expiring::expired);
        String browser = cookie(exchange, BROWSER_COOKIE);
        if (browser == null) {
            browser = OAuthValues.randomToken();
        }
        // Set on every start, so the name outlives the longest login attempt that could still come back.
        setCookie(exchange, BROWSER_COOKIE, browser, SESSION_LIFETIME);
        OidcClient.PendingLogin login = OidcClient.PendingLogin.fresh();
        attempts.put(login.state(), new Expiring<>(new Attempt(browser, login), Instant.now().plus(LOGIN_LIFETIME)));
        redirect(exchange, oidc.authorizationUrl(login, extraParameters));
    }

    /**
     * Only the browser that started a login attempt may finish it, with its state, once. Anything else that comes back
     * to a logged-in customer (Back to a finished login's page, a second tab's answer) shows the portal; Keycloak's
     * {@code authentication_expired} (a login page whose login ended elsewhere) starts the login again, which
     * Keycloak's single sign-on finishes without a page when the customer is logged in there.
     */
    private void finishLogin(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Optional<OidcClient.PendingLogin> login = takeAttempt(query.get("state"), cookie(exchange, BROWSER_COOKIE));
        if (login.isPresent() && query.get("code") != null) {
            completeLogin(exchange, query.get("code"), login.get(), query.get("kc_action_status"));
        } else if (current(sessions, cookie(exchange, SESSION_COOKIE)).isPresent()) {
            redirect(exchange, URI.create(settings.portalUrl() + "/"));
        } else if (AUTHENTICATION_EXPIRED.equals(query.get("error_description"))) {
            redirect(exchange, URI.create(settings.portalUrl() + "/login"));
        } else {
            System.err.println("Demo portal: login refused (" + (query.containsKey("error")
                    ? "Keycloak answered " + printable(query.get("error"))
                    : login.isEmpty() ? "no login attempt of this browser with this state" : "no code") + ")");
            html(exchange, 400, PortalPages.loginFailed());
        }
    }

    /** The attempt of this state, removed so that it is used once, if the browser that started it brought it back. */
    private Optional<OidcClient.PendingLogin> takeAttempt(String state, String browser) {
        Expiring<Attempt> entry = state == null ? null : attempts.remove(state);
        if (entry == null || entry.expired() || browser == null || !MessageDigest.isEqual(
                entry.value().browser().getBytes(StandardCharsets.US_ASCII), browser.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(entry.value().login());
    }

    /**
     * {@code actionStatus}: Keycloak's {@code kc_action_status} after an application-initiated action (linking DÁP),
     * told on the portal's page; the login itself completed either way.
     */
    private void completeLogin(HttpExchange exchange, String code, OidcClient.PendingLogin login, String actionStatus)
            throws IOException {
        try {
            OidcClient.LoggedIn loggedIn = oidc.exchange(code, login);
            sessions.values().removeIf(Expiring::expired);
            String sessionId = OAuthValues.randomToken();
            sessions.put(sessionId, new Expiring<>(loggedIn, Instant.now().plus(SESSION_LIFETIME)));
            setCookie(exchange, SESSION_COOKIE, sessionId, SESSION_LIFETIME);
            redirect(exchange, URI.create(settings.portalUrl() + "/" + PortalPages.actionStatusQuery(actionStatus)));
        } catch (IOException | RuntimeException e) {
            System.err.println("Demo portal: login failed: " + e.getMessage());
            html(exchange, 502, PortalPages.loginFailed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            html(exchange, 503, PortalPages.loginFailed());
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        String sessionId = cookie(exchange, SESSION_COOKIE);
        Optional<OidcClient.LoggedIn> session = current(sessions, sessionId);
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
        setCookie(exchange, SESSION_COOKIE, "", Duration.ZERO);
        redirect(exchange, session.map(login -> oidc.logoutUrl(login.idToken()))
                .orElseGet(() -> URI.create(settings.postLogoutRedirectUri())));
    }

    /** A value from the browser, fit for one console line. */
    private static String printable(String value) {
        return value.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    private static <T> Optional<T> current(Map<String, Expiring<T>> store, String id) {
        Expiring<T> entry = id == null ? null : store.get(id);
        return entry == null || entry.expired() ? Optional.empty() : Optional.of(entry.value());
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] nameValue = pair.trim().split("=", 2);
                if (nameValue.length == 2 && nameValue[0].equals(name) && !nameValue[1].isEmpty()) {
                    return nameValue[1];
                }
            }
        }
        return null;
    }

    /** HttpOnly and SameSite=Lax: scripts cannot read it, and another site's form cannot post with it. */
    private static void setCookie(HttpExchange exchange, String name, String value, Duration maxAge) {
        exchange.getResponseHeaders().add("Set-Cookie", name + "=" + value + "; Path=/; Max-Age="
                + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] nameValue = pair.split("=", 2);
                if (nameValue.length == 2) {
                    parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                            URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private static void redirect(HttpExchange exchange, URI location) throws IOException {
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.sendResponseHeaders(303, -1);
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
