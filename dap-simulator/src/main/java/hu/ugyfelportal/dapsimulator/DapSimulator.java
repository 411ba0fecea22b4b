package hu.ugyfelportal.dapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The DÁP simulator as a small web app: a page to paste the QR link (or to land on from the same-device button),
 * see who asks for what, pick a test identity and approve or decline; and an HTTP API doing the same for tests:
 * <ul>
 * <li>{@code POST /api/approve} with form fields {@code uri} (the QR content) and {@code identity};</li>
 * <li>{@code POST /api/decline} with {@code uri};</li>
 * <li>{@code POST /api/replay} with {@code uri} and {@code identity}: approves with a key binding for another nonce,
 * as a replayed presentation would carry;</li>
 * <li>{@code POST /api/approve-unencrypted} with {@code uri} and {@code identity}: approves with a plain
 * {@code direct_post} answer even where the request asks for {@code direct_post.jwt};</li>
 * <li>{@code POST /api/approve-without-expiry} with {@code uri} and {@code identity}: approves with a PID that has no
 * {@code exp};</li>
 * <li>{@code GET /issuer-certificate.pem}: the issuer's signing certificate, for a realm that pins it;</li>
 * <li>{@code GET /issuer-ca.pem}: the issuer's root CA certificate, for a realm that trusts its chain;</li>
 * <li>the PID issuer's status lists and their API ({@link StatusListRoutes}).</li>
 * </ul>
 * Each {@code /api/} call takes an optional {@code fetch} field saying how the wallet fetches the request object
 * ({@link RequestFetch}: {@code get}, {@code post} (the default), {@code post-no-metadata}, {@code post-no-overlap},
 * {@code post-no-es256}, {@code post-malformed-metadata}, {@code post-encrypted-request}).
 * The API answers JSON: {@code {"verifierStatus": 200, "verifierBody": "..."}} or {@code {"error": "..."}} (HTTP 400).
 */
public final class DapSimulator implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final PidIssuer issuer;
    private final Wallet wallet;
    private final StatusListRoutes statusLists;
    /** Requests shown on the page and waiting for the user's decision; this is a dev tool, not a cluster node. */
    private final Map<String, VerifierRequest> pending = new ConcurrentHashMap<>();

    private DapSimulator(HttpServer server) {
        this.server = server;
        this.issuer = new PidIssuer(baseUrl());
        this.wallet = new Wallet(issuer);
        this.statusLists = new StatusListRoutes(issuer.statusLists());
    }

    public static DapSimulator start(String host, int port) {
        CryptoIntegration.init(DapSimulator.class.getClassLoader());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            DapSimulator simulator = new DapSimulator(server);
            server.createContext("/", simulator::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the DÁP simulator on " + host + ":" + port, e);
        }
    }

    public String baseUrl() {
        // Bound to every address (in a container): Keycloak in the same network namespace reaches it as localhost.
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "localhost" : server.getAddress().getHostString();
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    public PidIssuer issuer() {
        return issuer;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                if (statusLists.handle(exchange, method, path)) {
                    return;
                }
                if (method.equals("GET") && path.equals("/")) {
                    html(exchange, 200, SimulatorPages.start(walletUrl(exchange), TestIdentity.ALL));
                } else if (method.equals("GET") && path.equals("/issuer-certificate.pem")) {
                    send(exchange, 200, "application/x-pem-file", issuer.certificatePem());
                } else if (method.equals("GET") && path.equals("/issuer-ca.pem")) {
                    send(exchange, 200, "application/x-pem-file", issuer.rootCertificatePem());
                } else if (method.equals("GET") && (path.equals("/wallet") || path.equals("/wallet/"))) {
                    showRequest(exchange, exchange.getRequestURI().toString());
                } else if (method.equals("POST") && path.equals("/requests")) {
                    showRequest(exchange, form(exchange).get("uri"));
                } else if (method.equals("POST") && path.startsWith("/requests/")) {
                    decide(exchange, path.substring("/requests/".length()));
                } else if (method.equals("POST") && path.equals("/api/approve")) {
                    Map<String, String> form = form(exchange);
                    apiAnswer(exchange, wallet.approve(fetch(form),
                            TestIdentity.byId(required(form, "identity"))));
                } else if (method.equals("POST") && path.equals("/api/approve-unencrypted")) {
                    Map<String, String> form = form(exchange);
                    apiAnswer(exchange, wallet.approveUnencrypted(fetch(form),
                            TestIdentity.byId(required(form, "identity"))));
                } else if (method.equals("POST") && path.equals("/api/approve-without-expiry")) {
                    Map<String, String> form = form(exchange);
                    apiAnswer(exchange, wallet.approveWithoutPidExpiry(fetch(form),
                            TestIdentity.byId(required(form, "identity"))));
                } else if (method.equals("POST") && path.equals("/api/replay")) {
                    Map<String, String> form = form(exchange);
                    apiAnswer(exchange, wallet.approveReplayed(fetch(form),
                            TestIdentity.byId(required(form, "identity"))));
                } else if (method.equals("POST") && path.equals("/api/decline")) {
                    apiAnswer(exchange, wallet.decline(fetch(form(exchange))));
                } else {
                    send(exchange, 404, "text/plain; charset=utf-8", "Not found");
                }
            } catch (RequestGoneException e) {
                if (path.startsWith("/api/")) {
                    json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
                } else {
                    html(exchange, 400, SimulatorPages.requestGone());
                }
            } catch (WalletException | IllegalArgumentException e) {
                if (path.startsWith("/api/")) {
                    json(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
                } else {
                    html(exchange, 400, SimulatorPages.error(e.getMessage()));
                }
            }
        }
    }

    private void showRequest(HttpExchange exchange, String invocationUri) throws IOException {
        if (invocationUri == null || invocationUri.isBlank()) {
            throw new WalletException("Paste the content of the QR code (openid4vp://...)");
        }
        VerifierRequest request = wallet.fetch(invocationUri.trim());
        String id = randomId();
        pending.put(id, request);
        html(exchange, 200, SimulatorPages.request(id, request, TestIdentity.ALL));
    }

    private void decide(HttpExchange exchange, String idAndDecision) throws IOException {
        String[] parts = idAndDecision.split("/", 2);
        VerifierRequest request = pending.remove(parts[0]);
        if (request == null || parts.length != 2) {
            throw new WalletException("This request was already answered or is unknown");
        }
        Wallet.Answer answer = switch (parts[1]) {
            case "approve" -> wallet.approve(request, TestIdentity.byId(required(form(exchange), "identity")));
            case "decline" -> wallet.decline(request);
            default -> throw new WalletException("Unknown decision " + parts[1]);
        };
        html(exchange, 200, SimulatorPages.answered(parts[1].equals("approve"), answer));
    }

    private VerifierRequest fetch(Map<String, String> form) {
        return wallet.fetch(required(form, "uri"), RequestFetch.of(form.get("fetch")));
    }

    private static void apiAnswer(HttpExchange exchange, Wallet.Answer answer) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verifierStatus", answer.status());
        body.put("verifierBody", answer.body());
        json(exchange, 200, body);
    }

    /** This simulator's wallet address as the browser reached it (a local run's QR names the same host). */
    private String walletUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return (host == null ? baseUrl() : "http://" + host) + "/wallet/";
    }

    static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] nameValue = pair.split("=", 2);
                form.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return form;
    }

    static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new WalletException("Missing form field " + name);
        }
        return value.trim();
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JsonSerialization.writeValueAsString(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
