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
 * Keycloak's user-event counters ({@code keycloak_user_events_total}) as Prometheus reads them from the management
 * port's {@code /metrics}: one series per event (the type without {@code _ERROR}), error, realm, identity provider
 * and client.
 */
public final class EventCounters {

    public static final String SERIES = "keycloak_user_events_total";
    private static final Pattern LINE = Pattern.compile("^" + SERIES + "\\{(.*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Series> series;

    private EventCounters(List<Series> series) {
        this.series = series;
    }

    public record Series(Map<String, String> labels, double value) {
    }

    public static EventCounters read(String metricsUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + metricsUrl + " answered " + response.statusCode());
            }
            return new EventCounters(response.body().lines().map(LINE::matcher).filter(Matcher::matches)
                    .map(line -> new Series(labels(line.group(1)), Double.parseDouble(line.group(2))))
                    .toList());
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
