package hu.ugyfelportal.keycloak.dap.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;
import hu.ugyfelportal.keycloak.dap.service.StatusListSettings;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status list fetch against a real local HTTP server, with a plain Apache client as Keycloak's would be. */
class StatusListFetcherTest {

    private static final String TOKEN = "eyJ0eXAiOiJzdGF0dXNsaXN0K2p3dCJ9.e30.c2ln";
    private static final StatusListSettings DEV = settings(true);
    /** The first hop of a redirect chain that answers late, with most of a two-second fetch timeout gone. */
    private static final Duration SLOW_HOP = Duration.ofMillis(1500);

    private final CloseableHttpClient http = HttpClients.createDefault();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/list", exchange -> {
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            answer(exchange, 200, TOKEN);
        });
        server.createContext("/down", exchange -> answer(exchange, 503, "down"));
        server.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(StatusListSettings.MAX_TOKEN_BYTES + 1)));
        server.createContext("/moved", exchange -> redirect(exchange, "/list"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/hang", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, TOKEN);
        });
        server.createContext("/slowly-moved", exchange -> {
            try {
                Thread.sleep(SLOW_HOP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redirect(exchange, "/hang");
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        server.stop(0);
        http.close();
    }

    @Test
    void fetchesTheTokenAskingForTheStatusListMediaType() throws Exception {
        assertThat(new StatusListFetcher(http, DEV).fetch(url("/list"))).isEqualTo(TOKEN);
        assertThat(accept.get()).isEqualTo("application/statuslist+jwt");
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedAndThenOnlyToLoopback() {
        assertProblem(() -> new StatusListFetcher(http, settings(false)).fetch(url("/list")), Problem.LIST_INVALID, "not https");
        assertProblem(() -> new StatusListFetcher(http, DEV).fetch("http://192.0.2.10/list"), Problem.LIST_INVALID, "not https");
        assertProblem(() -> new StatusListFetcher(http, DEV).fetch("ftp://127.0.0.1/list"), Problem.LIST_INVALID, "not https");
        assertThat(accept.get()).as("nothing was fetched").isNull();
    }

    @Test
    void anHttpErrorOrARefusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertProblem(() -> new StatusListFetcher(http, DEV).fetch(url("/down")), Problem.LIST_UNAVAILABLE, "HTTP 503");
        assertProblem(() -> new StatusListFetcher(http, DEV).fetch("http://127.0.0.1:" + closedPort + "/list"),
                Problem.LIST_UNAVAILABLE, "not fetched");
    }

    @Test
    void aListThatDoesNotAnswerIsUnavailableAfterTheTimeout() {
        Instant started = Instant.now();

        assertProblem(() -> new StatusListFetcher(http, DEV).fetch(url("/hang")), Problem.LIST_UNAVAILABLE, "Timeout");
        assertThat(Duration.between(started, Instant.now())).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
    }

    @Test
    void theRedirectsOfAFetchShareOneDeadline() {
        StatusListSettings twoSeconds = new StatusListSettings(StatusListSettings.FailurePolicy.REFUSE, 0, 0, 2, true);
        long started = System.nanoTime();

        assertProblem(() -> new StatusListFetcher(http, twoSeconds).fetch(url("/slowly-moved")), Problem.LIST_UNAVAILABLE,
                "not fetched");
        // With full timeouts per hop the hanging second hop alone would take two seconds more.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3000));
    }

    @Test
    void anOversizedAnswerIsNotRead() {
        assertProblem(() -> new StatusListFetcher(http, DEV).fetch(url("/big")), Problem.LIST_INVALID, "larger than");
    }

    @Test
    void followsARedirectButNotALoop() throws Exception {
        assertThat(new StatusListFetcher(http, DEV).fetch(url("/moved"))).isEqualTo(TOKEN);
        assertProblem(() -> new StatusListFetcher(http, DEV).fetch(url("/loop")), Problem.LIST_UNAVAILABLE, "redirects");
    }

    private static StatusListSettings settings(boolean loopbackHttp) {
        return new StatusListSettings(StatusListSettings.FailurePolicy.REFUSE, 0, 0, 1, loopbackHttp);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private interface Fetch {
        void run() throws Exception;
    }

    private static void assertProblem(Fetch fetch, Problem problem, String reason) {
        assertThatThrownBy(fetch::run).isInstanceOfSatisfying(PidStatusException.class,
                e -> assertThat(e.problem()).isEqualTo(problem)).hasMessageContaining(reason);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/statuslist+jwt");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
