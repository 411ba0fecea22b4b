package hu.ugyfelportal.it;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QR page's status request on the real Keycloak is a long poll: held while the phone has not answered, answered
 * as soon as it has, and answered "no reload" at the configured hold limit so that the page asks again.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapStatusLongPollIT {

    private static final String DECLINED = "A bejelentkezést a DÁP alkalmazásban elutasította.";
    /** The waiters' sweep runs once a second: an answer never waits longer than that plus the machine's delays. */
    private static final Duration PROMPT = Duration.ofSeconds(1);

    @Test
    void aHeldStatusRequestIsAnsweredAsSoonAsThePhoneAnswers(TestEnvironment env) throws Exception {
        Browser browser = env.newBrowser();
        Page qr = openQrPage(env, browser);
        // Sent from another thread, as the page's script does while the customer holds the phone.
        CompletableFuture<Answered> held = CompletableFuture.supplyAsync(
                () -> new Answered(browser.open(statusUrl(qr)), System.nanoTime()));
        Thread.sleep(1500);
        assertThat(held).as("held while the phone has not answered").isNotDone();

        assertThat(env.dap().decline(DapPhone.scan(qr)).verifierStatus()).isEqualTo(200);
        long walletAnswered = System.nanoTime();
        Answered status = held.get(10, TimeUnit.SECONDS);

        Duration late = Duration.ofNanos(Math.max(0, status.atNanos() - walletAnswered));
        System.out.printf("DÁP status answered %d ms after the wallet's answer returned%n", late.toMillis());
        assertThat(reload(status.page())).isTrue();
        assertThat(late).isLessThan(PROMPT);
        assertThat(browser.open(pageUrl(qr)).text()).contains(DECLINED);
    }

    @Test
    void aStatusRequestAfterThePhoneHasAnsweredIsAnsweredAtOnce(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = openQrPage(env, browser);
        env.dap().decline(DapPhone.scan(qr));

        long started = System.nanoTime();
        Page status = browser.open(statusUrl(qr));

        assertThat(reload(status)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
    }

    @Test
    void aHeldStatusRequestAnswersReloadWhenTheQrRunsOutUnanswered(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
            Browser browser = env.newBrowser();
            Page qr = openQrPage(env, browser);

            long started = System.nanoTime();
            Page status = browser.open(statusUrl(qr));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // Found by the once-a-second sweep, the same way as an answer saved on another node.
            assertThat(reload(status)).isTrue();
            assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5).plus(PROMPT).plusMillis(1500));
            assertThat(browser.open(pageUrl(qr)).text()).contains("A QR kód lejárt. Kérjük, olvassa be az új QR kódot.");
        });
    }

    @Test
    void atTheHoldLimitAHeldStatusRequestAnswersNoReloadAndTheNextOneIsHeldAgain(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapStatusHoldSeconds", "2", () -> {
            Browser browser = env.newBrowser();
            Page qr = openQrPage(env, browser);
            assertThat(qr.document().selectFirst("#dap-qr").attr("data-hold-ms")).isEqualTo("2000");

            for (int round = 0; round < 2; round++) {
                long started = System.nanoTime();
                Page status = browser.open(statusUrl(qr));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(reload(status)).as("round %d", round).isFalse();
                assertThat(took).as("round %d", round)
                        .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(PROMPT).plusMillis(1500));
            }
        });
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

    private static boolean reload(Page status) {
        assertThat(status.status()).as("status answer: %s", status).isEqualTo(200);
        try {
            Map<String, Object> body = JsonSerialization.readValue(status.html(), new TypeReference<>() {
            });
            assertThat(body).as("the status says only whether to reload").containsOnlyKeys("reload");
            return (Boolean) body.get("reload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answered(Page page, long atNanos) {
    }
}
