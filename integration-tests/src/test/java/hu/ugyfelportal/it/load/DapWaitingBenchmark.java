package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.QrStatusStream;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers waiting on DÁP QR pages cost the server, QR refresh included (run by scripts/benchmark.sh; target:
 * 1,000 waiting pages under 5 % of one core). Opens the QR pages as customers would, each with its status stream
 * open the way the page's EventSource keeps it (server-sent events: keep-alives, the next QR in place when one runs
 * out, reload when the phone has answered), all over one asynchronous HTTP client.
 * <p>
 * The QR lifetime is the default (120 s), so each page's QR runs out and is renewed in place inside the measured
 * window, which is one QR lifetime plus the sweep's second: (nearly) every page gets one new QR in it, as it would in
 * any such stretch of a long wait, and its keep-alives. Keycloak's CPU time over the window is the figure.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapWaitingBenchmark {

    private static final double TARGET_SHARE_OF_ONE_CORE = 0.05;
    private static final long IDLE_MILLIS = 15_000;
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration SWEEP = Duration.ofSeconds(1);
    /** The imported realm's QR lifetime ({@code dapRequestLifetimeSeconds}), left as it is. */
    private static final long QR_LIFETIME_SECONDS = 120;
    /** The figures before this stream, measured with the long poll and a page reload per QR (2026-11-24, 2 cores). */
    private static final String BEFORE = "long poll + page reload per QR (2026-11-24): 4.65 % waiting only, "
            + "13.0 % with the QR refresh";

    @Test
    void thousandBrowsersWaitingOnQrPages(TestEnvironment env) throws Exception {
        int count = Integer.getInteger("benchmark.qrPages", 1000);
        double idleShare = idleShareOfOneCore(env);

        try (Streams streams = new Streams()) {
            List<WaitingPage> pages = openQrPages(env, count, streams);
            long lifetimeSeconds = QR_LIFETIME_SECONDS;
            Duration window = Duration.ofSeconds(lifetimeSeconds).plus(SWEEP);
            Thread.sleep(SETTLE.toMillis());
            assertThat(streams.counts().get("wait")).as("every page's stream is open").isGreaterThanOrEqualTo(count);

            Map<String, Integer> before = streams.counts();
            Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration cpu = env.keycloak().cpuTime().orElseThrow().minus(cpuBefore);
            Map<String, Integer> in = Streams.minus(streams.counts(), before);

            double share = cpu.toMillis() / 1000.0 / seconds;
            int renewed = in.getOrDefault("qr", 0);
            double millisPerRenewal = (cpu.toMillis() - idleShare * seconds * 1000) / Math.max(1, renewed);
            System.out.printf("%n%d browsers waiting on DÁP QR pages, one status stream each (server-sent events, "
                            + "keep-alive every %d s, each QR renewed in place when it runs out after %d s), %.0f s "
                            + "window: %d new QRs (%.1f/s), %d keep-alives, %d reloads, %d replaced, %d streams ended, "
                            + "errors %d; Keycloak CPU %.2f s = %.2f %% of one core with the QR refresh (%.2f %% when "
                            + "idle), %.4f %% per waiting browser, %.2f ms above idle per new QR with its share of "
                            + "keep-alives and sweeps (target < %.0f %% of one core: %s). Before: %s%n%n",
                    count, pages.get(0).keepAliveSeconds(), lifetimeSeconds, seconds, renewed, renewed / seconds,
                    in.getOrDefault("wait", 0), in.getOrDefault("reload", 0), in.getOrDefault("replaced", 0),
                    in.getOrDefault(QrStatusStream.Event.ENDED, 0), streams.errors().size(), cpu.toMillis() / 1000.0,
                    share * 100, idleShare * 100, share * 100 / count, millisPerRenewal,
                    TARGET_SHARE_OF_ONE_CORE * 100, share < TARGET_SHARE_OF_ONE_CORE ? "met" : "NOT met", BEFORE);
            assertThat(streams.errors()).as("streams that failed").isEmpty();
            // A QR is renewed at the first sweep after its last second, so a page's period is 120–122 s, not exactly the window.
            assertThat(renewed).as("pages that got their next QR in the window").isGreaterThanOrEqualTo(count * 95 / 100);
            assertThat(in.getOrDefault("reload", 0)).as("no page was told to reload").isZero();
        }
    }

    /** Keycloak's own background work with no page open, for reading the figures above. */
    private static double idleShareOfOneCore(TestEnvironment env) throws InterruptedException {
        Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
        long start = System.nanoTime();
        Thread.sleep(IDLE_MILLIS);
        return env.keycloak().cpuTime().orElseThrow().minus(cpuBefore).toMillis() / 1000.0 / ((System.nanoTime() - start) / 1e9);
    }

    /** Every page's status stream on one client; counts the events by name, keeps the errors. */
    private static final class Streams implements AutoCloseable {

        private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads).build();
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final Queue<String> errors = new ConcurrentLinkedQueue<>();
        private final Queue<QrStatusStream> open = new ConcurrentLinkedQueue<>();
        private volatile boolean closing;

        void open(Browser browser, String statusUrl) {
            open.add(QrStatusStream.open(http, statusUrl, browser.cookieHeader(), event -> {
                if (closing) {
                    return;
                }
                counts.computeIfAbsent(event.name(), name -> new AtomicInteger()).incrementAndGet();
                if (event.name().equals(QrStatusStream.Event.ENDED) && !event.data().isEmpty()) {
                    errors.add(event.data());
                }
            }));
        }

        Map<String, Integer> counts() {
            Map<String, Integer> now = new ConcurrentHashMap<>();
            counts.forEach((name, value) -> now.put(name, value.get()));
            return now;
        }

        static Map<String, Integer> minus(Map<String, Integer> after, Map<String, Integer> before) {
            Map<String, Integer> in = new ConcurrentHashMap<>();
            after.forEach((name, value) -> in.put(name, value - before.getOrDefault(name, 0)));
            return in;
        }

        Queue<String> errors() {
            return errors;
        }

        /** Closes every stream, as browsers leaving the page do. */
        @Override
        public void close() {
            closing = true;
            open.forEach(QrStatusStream::close);
            clientThreads.shutdownNow();
        }
    }

    private static List<WaitingPage> openQrPages(TestEnvironment env, int count, Streams streams) throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(8);
        try {
            List<Future<WaitingPage>> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                opened.add(openers.submit(() -> openQrPage(env, streams)));
            }
            List<WaitingPage> pages = new ArrayList<>();
            for (Future<WaitingPage> page : opened) {
                pages.add(page.get(2, TimeUnit.MINUTES));
            }
            return pages;
        } finally {
            openers.shutdownNow();
        }
    }

    /** The QR page as a customer opens it, and its stream opened at once, as the page's script does. */
    private static WaitingPage openQrPage(TestEnvironment env, Streams streams) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        Page qr = browser.open(login.document().selectFirst("#social-dap").absUrl("href"));
        Element box = qr.document().selectFirst("#dap-qr");
        if (box == null) {
            throw new AssertionError("No QR page: " + qr);
        }
        streams.open(browser, box.absUrl("data-status-url"));
        return new WaitingPage(Long.parseLong(box.attr("data-hold-ms")) / 1000);
    }

    private record WaitingPage(long keepAliveSeconds) {
    }
}
