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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The few Admin REST API calls the loader needs, with users as plain JSON maps. */
public final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 500;

    private final HttpClient http = HttpClient.newHttpClient();
    private final LoaderSettings settings;
    private final AdminLogin login;

    public KeycloakAdmin(LoaderSettings settings) {
        this.settings = settings;
        this.login = new AdminLogin(http, settings);
    }

    /** The user whose username is exactly this (Keycloak keeps usernames in lower case). */
    public Optional<Map<String, Object>> findUser(String username) {
        Answer answer = send(request("/users?exact=true&briefRepresentation=false&username=" + encode(username))
                .GET());
        answer.require(200);
        List<Map<String, Object>> users = read(answer.body(), new TypeReference<>() {
        });
        return users.stream().filter(user -> username.equalsIgnoreCase(String.valueOf(user.get("username"))))
                .findFirst();
    }

    /**
     * Every user of the realm with their attributes, page by page. Keycloak cannot search users by a client
     * number alone (attribute search matches whole values), so this is how the loader learns who holds which.
     */
    public void forEachUser(Consumer<Map<String, Object>> action) {
        for (int first = 0; ; first += PAGE_SIZE) {
            Answer answer = send(request("/users?briefRepresentation=false&first=" + first + "&max=" + PAGE_SIZE).GET());
            answer.require(200);
            List<Map<String, Object>> page = read(answer.body(), new TypeReference<>() {
            });
            page.forEach(action);
            if (page.size() < PAGE_SIZE) {
                return;
            }
        }
    }

    public Answer createUser(Map<String, Object> user) {
        return send(request("/users").POST(HttpRequest.BodyPublishers.ofString(write(user))));
    }

    public Answer updateUser(String id, Map<String, Object> user) {
        return send(request("/users/" + encode(id)).PUT(HttpRequest.BodyPublishers.ofString(write(user))));
    }

    /**
     * Any call below the realm's admin path ({@code ""} is the realm itself), with a JSON body or none; for the realm
     * upgrade, which works through many resources of the Admin REST API.
     */
    public Answer call(String method, String realmPath, Object jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(jsonBody));
        return send(request(realmPath).method(method, body));
    }

    /** A PUT of plain text, as the realm's localization texts take it. */
    public Answer putText(String realmPath, String text) {
        return send(request(realmPath).setHeader("Content-Type", "text/plain; charset=utf-8")
                .PUT(HttpRequest.BodyPublishers.ofString(text)));
    }

    /** GET of a JSON resource below the realm, or empty when Keycloak answers 404. */
    public Optional<Object> getJson(String realmPath) {
        Answer answer = send(request(realmPath).GET());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        answer.require(200);
        return Optional.of(read(answer.body(), new TypeReference<Object>() {
        }));
    }

    /** Keycloak's answer; {@link #errorText()} gives its validation messages (keys and values) for the report. */
    public record Answer(int status, String body) {

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        void require(int expected) {
            if (status != expected) {
                throw new IllegalStateException("Keycloak answered " + status + ": " + body);
            }
        }

        public String errorText() {
            try {
                Map<String, Object> json = JSON.readValue(body, new TypeReference<>() {
                });
                Object errors = json.containsKey("errors") ? json.get("errors") : List.of(json);
                return ((List<?>) errors).stream()
                        .map(error -> (Map<?, ?>) error)
                        .map(error -> String.valueOf(error.get(error.containsKey("errorMessage") ? "errorMessage" : "error"))
                                + (error.get("params") == null ? "" : " " + error.get("params")))
                        .collect(Collectors.joining("; "));
            } catch (IOException | ClassCastException notJson) {
                return "HTTP " + status + " " + body;
            }
        }
    }

    private HttpRequest.Builder request(String realmPath) {
        return HttpRequest.newBuilder(URI.create(settings.keycloakUrl() + "/admin/realms/" + encode(settings.realm())
                        + realmPath))
                .header("Authorization", "Bearer " + login.token())
                .header("Content-Type", "application/json");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Keycloak at " + settings.keycloakUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak answered with something that is not JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
