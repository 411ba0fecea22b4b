package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.loader.AdminLogin;
import hu.ugyfelportal.loader.LoaderSettings;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keycloak's Admin REST API, as an administrator's script would call it (logged in as the bulk loader does). */
public final class AdminApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final KeycloakServer server;
    private final LoaderSettings settings;
    private volatile AdminLogin login;

    AdminApi(KeycloakServer server) {
        this.server = server;
        this.settings = new LoaderSettings(URI.create(server.baseUrl()), TestSettings.REALM,
                LoaderSettings.DEFAULT_ADMIN_REALM, LoaderSettings.DEFAULT_ADMIN_CLIENT_ID, server.adminUsername(),
                server.adminPassword());
        this.login = new AdminLogin(http, settings);
    }

    /** A new login on the next call: after {@link TestClock} moved the server's clock, the held token may be expired. */
    void logInAgain() {
        login = new AdminLogin(http, settings);
    }

    /** Path below {@code /admin/realms/ugyfelportal}. */
    public Response call(String method, String realmPath, Object body) {
        return callIn(TestSettings.REALM, method, realmPath, body);
    }

    /** Path below {@code /admin/realms/<realm>}; an empty realm is {@code /admin/realms} itself (e.g. to create one). */
    public Response callIn(String realm, String method, String realmPath, Object body) {
        return callAdmin(method, "/realms" + (realm.isEmpty() ? "" : "/" + realm) + realmPath, body);
    }

    public <T> T get(String realmPath, TypeReference<T> type) {
        return getIn(TestSettings.REALM, realmPath, type);
    }

    public <T> T getIn(String realm, String realmPath, TypeReference<T> type) {
        return read(callIn(realm, "GET", realmPath, null).expect(200), type);
    }

    /** What the server reports of itself ({@code /admin/serverinfo}): its providers, themes, options in force. */
    public Map<String, Object> serverInfo() {
        return read(callAdmin("GET", "/serverinfo", null).expect(200), new TypeReference<>() {
        });
    }

    /** Path below {@code /admin}. */
    private Response callAdmin(String method, String adminPath, Object body) {
        return callAsAdministrator(method, "/admin" + adminPath, body);
    }

    /** Any path of the server (e.g. {@code /realms/master/test-clock}), with the administrator's token. */
    Response callAsAdministrator(String method, String serverPath, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + serverPath))
                .header("Authorization", "Bearer " + login.token())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        HttpResponse<String> response = send(request);
        return new Response(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    }

    private static <T> T read(Response response, TypeReference<T> type) {
        try {
            return JsonSerialization.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a test does while a setting has another value. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} with one setting of an identity provider changed, then puts the previous value back. */
    public void withIdentityProviderSetting(String alias, String key, String value, Step step) throws Exception {
        withIdentityProviderSettings(alias, Map.of(key, value), step);
    }

    /** Runs {@code step} with some settings of an identity provider changed, then puts the previous values back. */
    public void withIdentityProviderSettings(String alias, Map<String, String> changes, Step step) throws Exception {
        String path = "/identity-provider/instances/" + alias;
        Map<String, Object> provider = get(path, new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, String> config = (Map<String, String>) provider.get("config");
        Map<String, String> original = new HashMap<>(config);
        config.putAll(changes);
        call("PUT", path, provider).expect(204);
        try {
            step.run();
        } finally {
            config.clear();
            config.putAll(original);
            call("PUT", path, provider).expect(204);
        }
    }

    /** Runs {@code step} with the realm's SMTP server on another port of this host, then puts the previous back. */
    public void withSmtpPort(int port, Step step) throws Exception {
        Map<String, Object> realm = get("", new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, String> moved = new HashMap<>((Map<String, String>) realm.get("smtpServer"));
        moved.put("port", String.valueOf(port));
        withRealmSettings(Map.of("smtpServer", moved), step);
    }

    /**
     * Runs {@code step} with some top-level settings of the realm changed (e.g. {@code loginTheme}), then puts the
     * previous values back, even when the step fails: the other tests share the realm.
     */
    public void withRealmSettings(Map<String, Object> changes, Step step) throws Exception {
        Map<String, Object> realm = get("", new TypeReference<>() {
        });
        Map<String, Object> original = new HashMap<>();
        for (String key : changes.keySet()) {
            // A partial update leaves a missing (null) setting as it is, so only a setting the realm has can come back.
            if (realm.get(key) == null) {
                throw new IllegalArgumentException("The realm has no setting " + key + " to put back");
            }
            original.put(key, realm.get(key));
        }
        call("PUT", "", changes).expect(204);
        try {
            step.run();
        } finally {
            call("PUT", "", original).expect(204);
        }
    }

    /** Creates an enabled user whose username is the e-mail, with a password and the given attributes. */
    public String createUser(String email, String password, Map<String, List<String>> attributes) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Teszt");
        user.setLastName("Ügyfél");
        user.setEnabled(true);
        user.setAttributes(attributes);
        if (password != null) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
        }
        Response response = call("POST", "/users", user).expect(201);
        return response.location().substring(response.location().lastIndexOf('/') + 1);
    }

    /**
     * Attributes of a customer with exactly one client number: the chooser then passes without a page, so tests of
     * other steps reach the portal. A customer without any client number cannot log in at all. The number has no
     * run of equal digits, so it never looks like a test's made-up login code in an event.
     */
    public static Map<String, List<String>> oneClientNumber() {
        return Map.of("ugyfelszam", List.of("72945318 | MAGANSZEMELY | Teszt Ügyfél"));
    }

    /** A unique address per call, so tests never share users. */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.hu";
    }

    /** The id of the user with exactly this username. */
    public String userIdOf(String username) {
        List<Map<String, Object>> users = get("/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8),
                new TypeReference<>() {
                });
        if (users.size() != 1) {
            throw new AssertionError("Expected one user " + username + ", found " + users.size());
        }
        return String.valueOf(users.get(0).get("id"));
    }

    /**
     * Whether the user holds the realm's default roles (the account console's {@code view-profile} and
     * {@code manage-account} among them). Users created through this API get them from Keycloak; imported ones only
     * when their file grants the role.
     */
    public boolean holdsTheRealmsDefaultRoles(String userId) {
        Map<String, Object> realm = get("", new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        String defaultRole = String.valueOf(((Map<String, Object>) realm.get("defaultRole")).get("name"));
        List<Map<String, Object>> roles = get("/users/" + userId + "/role-mappings/realm", new TypeReference<>() {
        });
        return roles.stream().anyMatch(role -> defaultRole.equals(role.get("name")));
    }

    public List<Map<String, Object>> events(String type, String userId) {
        String query = "?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8)
                + (userId == null ? "" : "&user=" + userId) + "&max=100";
        return get("/events" + query, new TypeReference<>() {
        });
    }

    /** An event's details (as {@link #events} lists them), or none. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> details(Map<String, Object> event) {
        return (Map<String, String>) event.getOrDefault("details", Map.of());
    }

    /** Keycloak's brute-force record of a user: numFailures, disabled (locked), lastFailure … */
    public Map<String, Object> bruteForceStatus(String userId) {
        return get("/attack-detection/brute-force/users/" + userId, new TypeReference<>() {
        });
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, String body, String location) {

        public Response expect(int expectedStatus) {
            if (status != expectedStatus) {
                throw new AssertionError("Admin API answered " + status + " (expected " + expectedStatus + "): " + body);
            }
            return this;
        }
    }
}
