package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What browsers waiting on DÁP QR pages cost the server (run by scripts/benchmark.sh; target: 1,000 waiting pages
 * under 5 % of one core). Opens the QR pages as customers would, then polls each page's status URL at the page's
 * own interval, as its JavaScript does, and reads Keycloak's CPU time over the polling window.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapWaitingBenchmark {

    private static final double TARGET_SHARE_OF_ONE_CORE = 0.05;

    @Test
    void thousandBrowsersWaitingOnQrPages(TestEnvironment env) throws Exception {
        int pages = Integer.getInteger("benchmark.qrPages", 1000);
        Duration window = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20) * 2);
        List<WaitingPage> waiting = openQrPages(env, pages);
        long pollMillis = waiting.get(0).pollMillis();

        AtomicInteger polls = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(16);
        Duration cpuBefore = env.keycloak().cpuTime().orElseThrow();
        long start = System.nanoTime();
        for (int i = 0; i < waiting.size(); i++) {
            WaitingPage page = waiting.get(i);
            // Spread over one interval, as real customers do not all arrive in the same millisecond.
            pollers.scheduleAtFixedRate(() -> {
                Page status = page.browser().open(page.statusUrl());
                polls.incrementAndGet();
                if (status.status() != 200) {
                    errors.add(status.status() + " " + page.statusUrl());
                }
            }, i * pollMillis / waiting.size(), pollMillis, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(window.toMillis());
        pollers.shutdownNow();
        pollers.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Duration cpu = env.keycloak().cpuTime().orElseThrow().minus(cpuBefore);

        double shareOfOneCore = cpu.toMillis() / 1000.0 / seconds;
        System.out.printf("%n%d browsers waiting on DÁP QR pages, polling every %d ms for %.0f s: %d polls "
                        + "(%.0f/s), Keycloak CPU %.2f s = %.1f %% of one core, %.3f ms per poll, errors %d "
                        + "(target < %.0f %% of one core: %s)%n%n",
                pages, pollMillis, seconds, polls.get(), polls.get() / seconds, cpu.toMillis() / 1000.0,
                shareOfOneCore * 100, cpu.toMillis() / (double) Math.max(1, polls.get()), errors.size(),
                TARGET_SHARE_OF_ONE_CORE * 100, shareOfOneCore < TARGET_SHARE_OF_ONE_CORE ? "met" : "NOT met");
        assertThat(errors).as("status polls that failed").isEmpty();
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
        return new WaitingPage(browser, box.absUrl("data-status-url"), Long.parseLong(box.attr("data-poll-ms")));
    }

    private record WaitingPage(Browser browser, String statusUrl, long pollMillis) {
    }
}
