package hu.ugyfelportal.it.support;

import hu.ugyfelportal.demoportal.OAuthValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A form POST to one of the realm's OpenID Connect endpoints, as any client on the internet could send it. */
public final class OidcEndpoints {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OidcEndpoints() {
    }

    public record Answer(int status, String body) {
    }

    /** @param path below {@code /realms/<realm>}, e.g. {@code /protocol/openid-connect/token} */
    public static Answer post(TestEnvironment env, String realm, String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + "/realms/" + realm + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthValues.form(form))).build());
    }

    /** @param path below the server's base URL */
    public static Answer get(TestEnvironment env, String path) {
        return send(HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + path)).GET().build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
