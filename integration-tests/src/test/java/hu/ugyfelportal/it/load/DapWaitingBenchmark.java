package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers waiting on DÁP QR pages cost the server (run by scripts/benchmark.sh; target: 1,000 waiting pages
 * under 5 % of one core). Opens the QR pages as customers would, then keeps one status request open per page the
 * way the page's script does (a long poll held by the server; asked again at once after each hold-limit answer; the
 * QR page reloaded when told), all pages at once over one asynchronous HTTP client.
 * <ul>
 * <li>Waiting: the first requests are spread over one hold period (customers do not all arrive in the same
 * millisecond), then Keycloak's CPU time is read over a window of {@code max(2 × benchmark.seconds, hold + 10 s)}, so
 * every page's request reaches the hold limit and is asked again at least once in it. For this part the QR lifetime
 * is raised to its maximum, so that no QR runs out inside the window.</li>
 * <li>QR refresh: a QR runs out after its lifetime (120 s by default) and the page reloads. Measured separately as
 * Keycloak CPU per QR page reload (plus one status request, which each reload starts) and projected to all pages at
 * the default lifetime.</li>
 * </ul>
 */
@ExtendWith(UgyfelportalExtension.class)
class DapWaitingBenchmark {

    private static final double TARGET_SHARE_OF_ONE_CORE = 0.05;
    private static final int DEFAULT_QR_LIFETIME_SECONDS = 120;
    private static final String LONGEST_QR_LIFETIME_SECONDS = "600";
    private static final int REFRESH_SAMPLE = 200;
    private static final long IDLE_MILLIS = 15_000;

    @Test
    void thousandBrowsersWaitingOnQrPages(TestEnvironment env) throws Exception {
        int count = Integer.getInteger("benchmark.qrPages", 1000);
        Duration configuredWindow = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20) * 2);
        List<WaitingPage> pages = new ArrayList<>();
        AtomicReference<WaitingFigures> waiting = new AtomicReference<>();
        double idleShare = idleShareOfOneCore(env);

        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", LONGEST_QR_LIFETIME_SECONDS, () -> {
            pages.addAll(openQrPages(env, count));
            long holdMillis = pages.get(0).holdMillis();
            Duration window = Duration.ofMillis(Math.max(configuredWindow.toMillis(), holdMillis + 10_000));
            try (LongPolls polls = new LongPolls()) {
                polls.start(pages, holdMillis);
                Thread.sleep(holdMillis);

                LongPolls.Counts before = polls.counts();
                Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                double seconds = (System.nanoTime() - start) / 1e9;
                Duration cpu = env.keycloak().cpuTime().orElseThrow().minus(cpuBefore);
                LongPolls.Counts in = polls.counts().minus(before);

                double share = cpu.toMillis() / 1000.0 / seconds;
                double millisPerRequest = cpu.toMillis() / (double) Math.max(1, in.requests());
                waiting.set(new WaitingFigures(share, millisPerRequest));
                System.out.printf("%n%d browsers waiting on DÁP QR pages, one long poll each (hold %d s), %.0f s window "
                                + "after a %d s start-up: %d status requests (%.1f/s), %d answered at the hold limit, "
                                + "%d reloads, %d busy answers, errors %d; Keycloak CPU %.2f s = %.2f %% of one core "
                                + "(%.2f %% when idle), %.4f %% per waiting browser, %.2f ms per status request "
                                + "(target < %.0f %% of one core: %s)%n",
                        count, holdMillis / 1000, seconds, holdMillis / 1000, in.requests(), in.requests() / seconds,
                        in.holdAnswers(), in.reloads(), in.busy(), polls.errors().size(), cpu.toMillis() / 1000.0,
                        share * 100, idleShare * 100, share * 100 / count, millisPerRequest, TARGET_SHARE_OF_ONE_CORE * 100,
                        share < TARGET_SHARE_OF_ONE_CORE ? "met" : "NOT met");
                assertThat(polls.errors()).as("status requests that failed").isEmpty();
                assertThat(in.holdAnswers()).as("every page reached the hold limit in the window").isGreaterThanOrEqualTo(count);
            }
        });

        // The QR refresh, at the default lifetime: each reload draws the page and its QR again and starts a status request.
        List<WaitingPage> sample = pages.subList(0, Math.min(REFRESH_SAMPLE, pages.size()));
        Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
        ExecutorService reloaders = Executors.newFixedThreadPool(4);
        try {
            for (Future<Page> reloaded : reloaders.invokeAll(sample.stream()
                    .map(page -> (Callable<Page>) () -> page.browser().open(page.pageUrl())).toList())) {
                assertThat(reloaded.get().has("#dap-qr")).as("reloaded QR page").isTrue();
            }
        } finally {
            reloaders.shutdownNow();
        }
        double millisPerReload = env.keycloak().cpuTime().orElseThrow().minus(cpuBefore).toMillis() / (double) sample.size();
        double refreshShare = count / (double) DEFAULT_QR_LIFETIME_SECONDS
                * (millisPerReload + waiting.get().millisPerRequest()) / 1000;
        System.out.printf("QR refresh (every %d s per page): %.2f ms Keycloak CPU per QR page reload (%d reloads) + "
                        + "%.2f ms for its first status request, %.1f reloads/s for %d pages = %.2f %% of one core; "
                        + "waiting and refresh together %.2f %% of one core%n%n",
                DEFAULT_QR_LIFETIME_SECONDS, millisPerReload, sample.size(), waiting.get().millisPerRequest(),
                count / (double) DEFAULT_QR_LIFETIME_SECONDS, count, refreshShare * 100,
                (waiting.get().shareOfOneCore() + refreshShare) * 100);
    }

    /** Keycloak's own background work with no page open, for reading the figures above. */
    private static double idleShareOfOneCore(TestEnvironment env) throws InterruptedException {
        Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
        long start = System.nanoTime();
        Thread.sleep(IDLE_MILLIS);
        return env.keycloak().cpuTime().orElseThrow().minus(cpuBefore).toMillis() / 1000.0 / ((System.nanoTime() - start) / 1e9);
    }

    private record WaitingFigures(double shareOfOneCore, double millisPerRequest) {
    }

    /**
     * One status request per page at a time, as the page's script keeps it: asked again at once after a "no reload",
     * after the server's Retry-After when busy, after a pause on an error; the QR page reloaded when told.
     */
    private static final class LongPolls implements AutoCloseable {

        private static final long ERROR_PAUSE_MILLIS = 2000;

        record Counts(int requests, int holdAnswers, int reloads, int busy) {
            Counts minus(Counts other) {
                return new Counts(requests - other.requests, holdAnswers - other.holdAnswers, reloads - other.reloads,
                        busy - other.busy);
            }
        }

        private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads).build();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService reloads = Executors.newFixedThreadPool(2);
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger holdAnswers = new AtomicInteger();
        private final AtomicInteger reloadAnswers = new AtomicInteger();
        private final AtomicInteger busyAnswers = new AtomicInteger();
        private final Queue<String> errors = new ConcurrentLinkedQueue<>();
        private final Set<CompletableFuture<?>> held = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;

        /** The pages' first requests, spread evenly over {@code spreadMillis}. */
        void start(List<WaitingPage> pages, long spreadMillis) {
            for (int i = 0; i < pages.size(); i++) {
                WaitingPage page = pages.get(i);
                timer.schedule(() -> ask(page), i * spreadMillis / pages.size(), TimeUnit.MILLISECONDS);
            }
        }

        Counts counts() {
            return new Counts(requests.get(), holdAnswers.get(), reloadAnswers.get(), busyAnswers.get());
        }

        Queue<String> errors() {
            return errors;
        }

        private void ask(WaitingPage page) {
            if (stopped) {
                return;
            }
            requests.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(URI.create(page.statusUrl()))
                    .header("Cookie", page.browser().cookieHeader())
                    .timeout(Duration.ofMillis(page.holdMillis() + 15_000))
                    .GET().build();
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            held.add(answer);
            answer.whenComplete((response, error) -> {
                held.remove(answer);
                if (stopped) {
                    return;
                }
                if (error != null || response.statusCode() != 200) {
                    errors.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    timer.schedule(() -> ask(page), ERROR_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
                } else if (response.body().contains("\"reload\":true")) {
                    reloadAnswers.incrementAndGet();
                    reloads.execute(() -> {
                        page.browser().open(page.pageUrl());
                        ask(page);
                    });
                } else if (response.headers().firstValue("Retry-After").isPresent()) {
                    busyAnswers.incrementAndGet();
                    timer.schedule(() -> ask(page), Long.parseLong(response.headers().firstValue("Retry-After").get()),
                            TimeUnit.SECONDS);
                } else {
                    holdAnswers.incrementAndGet();
                    ask(page);
                }
            });
        }

        /** Closes every held connection, as browsers leaving the page do. */
        @Override
        public void close() {
            stopped = true;
            // Cancelling the client's exchange closes its connection; Keycloak then drops the held request.
            held.forEach(answer -> answer.cancel(true));
            timer.shutdownNow();
            reloads.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    private static List<WaitingPage> openQrPages(TestEnvironment env, int count) throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(8);
        try {
            List<Future<WaitingPage>> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                opened.add(openers.submit(() -> openQrPage(env)));
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

    private static WaitingPage openQrPage(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        Page qr = browser.open(login.document().selectFirst("#social-dap").absUrl("href"));
        Element box = qr.document().selectFirst("#dap-qr");
        if (box == null) {
            throw new AssertionError("No QR page: " + qr);
        }
        return new WaitingPage(browser, box.absUrl("data-status-url"), box.absUrl("data-page-url"),
                Long.parseLong(box.attr("data-hold-ms")));
    }

    private record WaitingPage(Browser browser, String statusUrl, String pageUrl, long holdMillis) {
    }
}
