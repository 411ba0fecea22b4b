package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One counter of Keycloak's as Prometheus reads it from the management port's {@code /metrics}: its series, each
 * with its labels, e.g. the user-event counter (one series per event — the type without {@code _ERROR} —, error,
 * realm, identity provider and client) or the password-hash counter (per realm).
 */
public final class MetricCounters {

    /** Keycloak's event metrics: every stored or not stored user event, counted. */
    public static final String USER_EVENTS = "keycloak_user_events_total";
    /** Keycloak's count of password hashes checked against a user's stored one, per realm. */
    public static final String PASSWORD_HASHES = "keycloak_credentials_password_hashing_validations_total";
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Series> series;

    private MetricCounters(List<Series> series) {
        this.series = series;
    }

    public record Series(Map<String, String> labels, double value) {
    }

    /** The counter as the test run's Keycloak reports it. */
    public static MetricCounters read(TestEnvironment env, String counter) {
        return read(env.keycloak().metricsUrl().orElseThrow(() -> new AssertionError(
                "This Keycloak has no metrics endpoint (the Testcontainers path)")), counter);
    }

    /** Password hashes Keycloak has checked in the test realm so far. */
    public static double passwordHashes(TestEnvironment env) {
        return read(env, PASSWORD_HASHES).count(Map.of("realm", env.realm()));
    }

    public static MetricCounters read(String metricsUrl, String counter) {
        Pattern line = Pattern.compile("^" + Pattern.quote(counter) + "\\{(.*)}\\s+(\\S+)$");
        return new MetricCounters(exposition(metricsUrl).lines().map(line::matcher).filter(Matcher::matches)
                .map(matched -> new Series(labels(matched.group(1)), Double.parseDouble(matched.group(2))))
                .toList());
    }

    /** The whole Prometheus text of the endpoint, every metric. */
    public static String exposition(String metricsUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + metricsUrl + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the series whose labels include all of these (e.g. event, error, realm); 0 when there is none yet. */
    public double count(Map<String, String> labels) {
        return series.stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Series::value).sum();
    }

    public List<Series> series() {
        return series;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
