package hu.ugyfelportal.it.dap;

import com.fasterxml.jackson.databind.JsonNode;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.QrStatusStream;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.TestSettings;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.util.JsonSerialization;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QR page's status stream on the real Keycloak (server-sent events): held while the phone has not answered,
 * {@code reload} as soon as it has, the next QR in place when one runs out, keep-alives at the configured interval,
 * and one held stream per login however many one browser opens.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapStatusStreamIT {

    private static final String DECLINED = "A bejelentkezést a DÁP alkalmazásban elutasította.";
    /** The waiters' sweep runs once a second: news never waits longer than that plus the machine's delays. */
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** The streams one browser may have held at once (QrPageWaiters.PAGES_PER_BROWSER). */
    private static final int BROWSER_SHARE = 3;

    /**
     * The node's limit of held streams is the server option an operator sets (docs/configuration.md), spelled as
     * Keycloak 26.7 reads it: the test server starts with a value other than the default, and reports it.
     */
    @Test
    void theLimitOfHeldStreamsPerNodeIsTheServerOptionInForce(TestEnvironment env) {
        JsonNode dap = JsonSerialization.mapper.valueToTree(env.admin().serverInfo())
                .at("/providers/identity_provider/providers/dap");

        assertThat(dap.isMissingNode()).as("the DÁP provider in the server info").isFalse();
        assertThat(dap.at("/operationalInfo/maxWaitingPages").asText())
                .isEqualTo(String.valueOf(TestSettings.MAX_WAITING_PAGES));
    }

    @Test
    void aHeldStreamIsToldToReloadAsSoonAsThePhoneAnswers(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = openQrPage(env, browser);
        try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
            assertThat(stream.next(PATIENCE).name()).as("the stream is open and held").isEqualTo("wait");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).as("headers %s", stream.headers()).contains("no-store");
            assertThat(stream.header("X-Accel-Buffering")).as("not held back by an nginx in front").isEqualTo("no");
            assertThat(stream.retry()).as("the page's reconnection pause").isEqualTo("2000");
            assertThat(stream.quietFor(Duration.ofMillis(1500))).as("nothing while the phone has not answered").isTrue();

            assertThat(env.dap().decline(DapPhone.scan(qr)).verifierStatus()).isEqualTo(200);
            long walletAnswered = System.nanoTime();
            QrStatusStream.Event reload = stream.next(PATIENCE);

            Duration late = Duration.ofNanos(Math.max(0, reload.atNanos() - walletAnswered));
            System.out.printf("DÁP status stream said reload %d ms after the wallet's answer returned%n", late.toMillis());
            assertThat(reload.name()).isEqualTo("reload");
            assertThat(late).isLessThan(PROMPT);
            assertThat(stream.next(PATIENCE).name()).as("reload is the last word").isEqualTo(QrStatusStream.Event.ENDED);
        }
        assertThat(browser.open(pageUrl(qr)).text()).contains(DECLINED);
    }

    @Test
    void aStreamOpenedAfterThePhoneHasAnsweredSaysReloadAtOnce(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = openQrPage(env, browser);
        env.dap().decline(DapPhone.scan(qr));

        long started = System.nanoTime();
        try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
            QrStatusStream.Event first = stream.next(PATIENCE);

            assertThat(first.name()).isEqualTo("reload");
            assertThat(Duration.ofNanos(first.atNanos() - started)).isLessThan(PROMPT);
        }
    }

    @Test
    void whenTheQrRunsOutTheStreamBringsTheNextOneAndTheOldOneIsVoid(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
            Browser browser = env.newBrowser();
            Page qr = openQrPage(env, browser);
            String oldQr = DapPhone.scan(qr);
            try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
                assertThat(stream.next(PATIENCE).name()).isEqualTo("wait");
                long opened = System.nanoTime();

                QrStatusStream.Event next = stream.next(PATIENCE);
                Duration took = Duration.ofNanos(next.atNanos() - opened);

                assertThat(next.name()).isEqualTo("qr");
                assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5).plus(PROMPT).plusMillis(1500));
                Map<String, String> offer = next.json();
                assertThat(offer).as("the stream carries only what the page shows").containsOnlyKeys("image", "link");
                String newQr = DapPhone.scan(offer.get("image"));
                assertThat(newQr).isEqualTo(offer.get("link")).isNotEqualTo(oldQr);

                assertThat(env.dap().decline(oldQr).error()).as("the old QR's request is void")
                        .contains("refused the request_uri (HTTP 404)");
                assertThat(stream.quietFor(Duration.ofMillis(500))).as("the old QR changes nothing").isTrue();
                // Without JavaScript, the page reload shows the same new QR.
                assertThat(DapPhone.scan(browser.open(pageUrl(qr)))).isEqualTo(newQr);

                assertThat(env.dap().decline(newQr).verifierStatus()).isEqualTo(200);
                assertThat(stream.next(PATIENCE).name()).isEqualTo("reload");
            }
            assertThat(browser.open(pageUrl(qr)).text()).contains(DECLINED);
        });
    }

    /**
     * A customer who scans the QR and closes the app: the wallet fetched the request and never answers. Once the
     * transaction's own lifetime (QR lifetime + key-binding age) is up, the page gets a new QR, and neither that
     * transaction nor another fetched one left alone (no page watching it) takes an answer any more: their entries,
     * response keys included, are gone from Keycloak's store.
     */
    @Test
    void aFetchedButUnansweredQrIsReplacedOnceItsTransactionRunsOutAndNothingOfItIsLeft(TestEnvironment env)
            throws Exception {
        Map<String, String> shortLives = Map.of("dapRequestLifetimeSeconds", "5", "dapKeyBindingMaxAgeSeconds", "10");
        env.admin().withIdentityProviderSettings("dap", shortLives, () -> {
            // Fetched first, so that its transaction runs out before the watched one.
            DapPhone.WalletPage leftAlone = env.dap().paste(DapPhone.scan(openQrPage(env, env.newBrowser())));
            Browser browser = env.newBrowser();
            Page qr = openQrPage(env, browser);
            long shown = System.nanoTime();
            DapPhone.WalletPage scannedAndClosed = env.dap().paste(DapPhone.scan(qr));
            try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
                assertThat(stream.next(PATIENCE).name()).isEqualTo("wait");

                QrStatusStream.Event next = stream.next(Duration.ofSeconds(15).plus(PATIENCE));

                assertThat(next.name()).as("stream: %s", stream.transcript()).isEqualTo("qr");
                // Not at the QR's 5 s but after the transaction's 15 s (less the page's own load on a busy machine).
                assertThat(Duration.ofNanos(next.atNanos() - shown)).as("not while the phone may still answer")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
                assertThat(DapPhone.scan(next.json().get("image"))).isNotEqualTo(DapPhone.scan(qr));
            }
            assertThat(scannedAndClosed.approve("kovacs-janos")).as("the replaced transaction's answer").isEqualTo(400);
            assertThat(leftAlone.approve("kovacs-janos")).as("a transaction no page watched ran out by itself")
                    .isEqualTo(400);
        });
    }

    @Test
    void whileThePhoneHasNotAnsweredTheStreamGetsAKeepAliveAtTheConfiguredInterval(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapStatusHoldSeconds", "2", () -> {
            Browser browser = env.newBrowser();
            Page qr = openQrPage(env, browser);
            assertThat(qr.document().selectFirst("#dap-qr").attr("data-hold-ms")).isEqualTo("2000");
            try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
                long previous = stream.next(PATIENCE).atNanos();
                for (int round = 0; round < 2; round++) {
                    QrStatusStream.Event keepAlive = stream.next(PATIENCE);
                    Duration gap = Duration.ofNanos(keepAlive.atNanos() - previous);
                    previous = keepAlive.atNanos();

                    assertThat(keepAlive.name()).as("round %d", round).isEqualTo("wait");
                    assertThat(gap).as("round %d", round)
                            .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2).plus(PROMPT).plusMillis(1500));
                }
            }
        });
    }

    @Test
    void aBurstOfStreamsFromOneBrowserHoldsOnlyTheNewestAndAnotherCustomersPageIsStillHeld(TestEnvironment env) {
        Browser greedy = env.newBrowser();
        Page greedyQr = openQrPage(env, greedy);
        List<QrStatusStream> burst = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                burst.add(QrStatusStream.open(greedy, statusUrl(greedyQr)));
            }
            int replaced = 0;
            int held = 0;
            for (QrStatusStream stream : burst) {
                List<String> told = new ArrayList<>();
                QrStatusStream.Event event;
                do {
                    event = stream.next(PATIENCE);
                    told.add(event.name());
                } while (!told.contains(QrStatusStream.Event.ENDED) && !stream.quietFor(Duration.ofMillis(300)));
                String transcript = stream.transcript();
                if (told.equals(List.of("wait", "replaced", QrStatusStream.Event.ENDED))
                        || told.equals(List.of("replaced", QrStatusStream.Event.ENDED))) {
                    replaced++;
                } else {
                    assertThat(told).as("the one stream still held: %s", transcript).containsExactly("wait");
                    held++;
                }
            }
            assertThat(replaced).as("older streams answered at once").isEqualTo(39);
            assertThat(held).isEqualTo(1);

            Browser other = env.newBrowser();
            Page otherQr = openQrPage(env, other);
            try (QrStatusStream stream = QrStatusStream.open(other, statusUrl(otherQr))) {
                assertThat(stream.next(PATIENCE).name()).as("another customer's page is held").isEqualTo("wait");
                assertThat(stream.quietFor(Duration.ofSeconds(1))).isTrue();
                env.dap().decline(DapPhone.scan(otherQr));
                assertThat(stream.next(PATIENCE).name()).isEqualTo("reload");
            }
        } finally {
            burst.forEach(QrStatusStream::close);
        }
    }

    /**
     * One browser opening QR pages in more tabs than its share of the node's held streams: the tab above it is not
     * held, but each of its reconnections still tells it what happened, its next QR once its QR ran out, and then
     * its reload once the phone answered; the same as any page while the node is at its limit.
     */
    @Test
    void aTabAboveItsBrowsersShareIsNotHeldButEachReconnectionBringsItsNewQrAndItsAnswer(TestEnvironment env)
            throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
            Browser browser = env.newBrowser();
            List<QrStatusStream> held = new ArrayList<>();
            try {
                for (int tab = 0; tab < BROWSER_SHARE; tab++) {
                    QrStatusStream stream = QrStatusStream.open(browser, statusUrl(openQrPage(env, browser)));
                    held.add(stream);
                    assertThat(stream.next(PATIENCE).name()).isEqualTo("wait");
                }
                Page extraTab = openQrPage(env, browser);
                List<String> first = reconnection(browser, extraTab);
                assertThat(first).as("told once, not held").containsExactly("wait", QrStatusStream.Event.ENDED);

                List<String> told = first;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).plus(PATIENCE).toNanos();
                while (!told.contains("qr") && System.nanoTime() < deadline) {
                    told = reconnection(browser, extraTab);
                }
                assertThat(told).as("the reconnection after the QR ran out").containsExactly("qr", QrStatusStream.Event.ENDED);

                String newQr = DapPhone.scan(browser.open(pageUrl(extraTab)));
                assertThat(env.dap().decline(newQr).verifierStatus()).isEqualTo(200);
                assertThat(reconnection(browser, extraTab)).containsExactly("reload", QrStatusStream.Event.ENDED);
            } finally {
                held.forEach(QrStatusStream::close);
            }
        });
    }

    /** What one connection of the page's EventSource is told before the server ends it. */
    private static List<String> reconnection(Browser browser, Page qr) {
        try (QrStatusStream stream = QrStatusStream.open(browser, statusUrl(qr))) {
            List<String> told = new ArrayList<>();
            QrStatusStream.Event event;
            do {
                event = stream.next(PATIENCE);
                told.add(event.name());
            } while (!event.name().equals(QrStatusStream.Event.ENDED));
            return told;
        }
    }

    private static Page openQrPage(TestEnvironment env, Browser browser) {
        Page login = browser.open(env.portal().authorizationRequest().url());
        Page qr = browser.open(login.document().selectFirst("#social-dap").absUrl("href"));
        assertThat(qr.has("#dap-qr")).as("QR page: %s", qr).isTrue();
        return qr;
    }

    private static String statusUrl(Page qr) {
        return qr.document().selectFirst("#dap-qr").absUrl("data-status-url");
    }

    private static String pageUrl(Page qr) {
        return qr.document().selectFirst("#dap-qr").absUrl("data-page-url");
    }
}
