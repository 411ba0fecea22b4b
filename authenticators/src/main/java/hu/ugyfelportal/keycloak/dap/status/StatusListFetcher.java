package hu.ugyfelportal.keycloak.dap.status;

import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;
import hu.ugyfelportal.keycloak.dap.protocol.StatusListToken;
import hu.ugyfelportal.keycloak.dap.service.StatusListSettings;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fetches a status list token (draft-ietf-oauth-status-list §8.1) with Keycloak's outgoing HTTP client, so the
 * server's truststore and proxy settings apply: a GET asking for {@code application/statuslist+jwt}, a bounded body,
 * and a few redirects followed, all within one deadline: each hop's connect and read timeouts are the time left. Only https, unless the settings
 * allow plain http to a loopback address (development).
 */
final class StatusListFetcher {

    private final CloseableHttpClient http;
    private final StatusListSettings settings;

    StatusListFetcher(CloseableHttpClient http, StatusListSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /**
     * @return the response body: the compact JWT, not yet verified
     * @throws PidStatusException {@link Problem#LIST_UNAVAILABLE} when no answer came (refused connection, timeout,
     *                            an HTTP error); {@link Problem#LIST_INVALID} for a URI we do not fetch or an oversized body
     */
    String fetch(String uri) throws PidStatusException {
        // Elapsed time, not a time of day: the monotonic clock, which no moved Keycloak clock changes.
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.fetchTimeoutSeconds()).toNanos();
        URI current = URI.create(uri);
        for (int redirects = 0; ; redirects++) {
            requireFetchable(current);
            HttpGet get = new HttpGet(current);
            get.setHeader(HttpHeaders.ACCEPT, StatusListToken.MEDIA_TYPE);
            get.setConfig(timeouts(millisLeft(deadline)));
            try (CloseableHttpResponse response = http.execute(get)) {
                int status = response.getStatusLine().getStatusCode();
                Header location = response.getFirstHeader(HttpHeaders.LOCATION);
                if (status >= 300 && status < 400 && location != null) {
                    if (redirects == StatusListSettings.MAX_REDIRECTS) {
                        throw unavailable("more than " + StatusListSettings.MAX_REDIRECTS + " redirects");
                    }
                    current = current.resolve(location.getValue());
                    continue;
                }
                if (status < 200 || status >= 300) {
                    throw unavailable("HTTP " + status);
                }
                return body(response.getEntity(), deadline);
            } catch (IOException | IllegalArgumentException e) {
                throw unavailable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
    }

    /** The time left before the deadline; none left is a timeout (a 0 would mean no timeout to Apache's client). */
    private static int millisLeft(long deadline) throws PidStatusException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw timedOut();
        }
        return (int) left;
    }

    private static RequestConfig timeouts(int millis) {
        return RequestConfig.custom().setConnectTimeout(millis).setSocketTimeout(millis)
                .setConnectionRequestTimeout(millis).setRedirectsEnabled(false).build();
    }

    private static String body(HttpEntity entity, long deadline) throws IOException, PidStatusException {
        if (entity == null) {
            throw unavailable("empty answer");
        }
        if (entity.getContentLength() > StatusListSettings.MAX_TOKEN_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int count; (count = in.read(buffer)) != -1; ) {
                if (out.size() + count > StatusListSettings.MAX_TOKEN_BYTES) {
                    throw tooLarge();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut();
                }
                out.write(buffer, 0, count);
            }
            return out.toString(StandardCharsets.US_ASCII);
        }
    }

    /** https; or http to a loopback address when the settings allow it, so no dev setting opens plain http elsewhere. */
    private void requireFetchable(URI uri) throws PidStatusException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && settings.loopbackHttp() && isLoopback(uri.getHost())) {
            return;
        }
        throw new PidStatusException(Problem.LIST_INVALID, "status list uri is " + scheme + ", not https"
                + (scheme.equals("http") ? " (plain http only to loopback with " + StatusListSettings.LOOPBACK_HTTP + ")" : ""));
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static PidStatusException unavailable(String reason) {
        return new PidStatusException(Problem.LIST_UNAVAILABLE, "status list not fetched: " + reason);
    }

    private static PidStatusException timedOut() {
        return unavailable("answer not complete within the fetch timeout");
    }

    private static PidStatusException tooLarge() {
        return new PidStatusException(Problem.LIST_INVALID, "status list token larger than "
                + StatusListSettings.MAX_TOKEN_BYTES + " bytes");
    }
}
