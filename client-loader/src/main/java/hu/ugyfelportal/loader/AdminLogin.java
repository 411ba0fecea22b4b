package hu.ugyfelportal.loader;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The administrator's login for the Admin REST API (the password grant of the admin realm's client), as a bearer
 * token that is renewed shortly before Keycloak says it expires. The loader, the realm upgrade and the integration
 * tests' admin client all log in through it.
 */
public final class AdminLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Renew the admin token this long before Keycloak says it expires. */
    private static final int TOKEN_MARGIN_SECONDS = 10;

    private final HttpClient http;
    private final LoaderSettings settings;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public AdminLogin(HttpClient http, LoaderSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** A valid access token of the administrator, from a new login when the last one is about to expire. */
    public synchronized String token() {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=" + encode(settings.adminClientId())
                + "&username=" + encode(settings.adminUser()) + "&password=" + encode(settings.adminPassword());
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(settings.keycloakUrl() + "/realms/"
                        + encode(settings.adminRealm()) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Admin login to " + settings.keycloakUrl() + " as " + settings.adminUser()
                    + " failed with HTTP " + answer.statusCode()
                    + "; check KEYCLOAK_ADMIN_USER and KEYCLOAK_ADMIN_PASSWORD");
        }
        Map<String, Object> json;
        try {
            json = JSON.readValue(answer.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak answered the admin login with something that is not JSON", e);
        }
        token = (String) json.get("access_token");
        tokenExpiry = Instant.now().plusSeconds(((Number) json.get("expires_in")).longValue() - TOKEN_MARGIN_SECONDS);
        return token;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Keycloak at " + settings.keycloakUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
