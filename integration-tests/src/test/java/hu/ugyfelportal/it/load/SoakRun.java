package hu.ugyfelportal.it.load;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.QrStatusStream;
import hu.ugyfelportal.it.support.ServerGauges;
import hu.ugyfelportal.it.support.StallingSmtpRelay;
import hu.ugyfelportal.it.support.TestClock;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak (scripts/soak.sh, {@code -Dsoak.seconds}, 60 by default; not in the normal test run while it still finds
 * entries that outlive every lifetime, see docs/testing.md): every workload
 * over and over on the one server, then the test clock moves past every lifetime, Infinispan removes what expired,
 * and what the workloads left must be gone: the entries of the {@code actionTokens} and {@code authenticationSessions}
 * caches back to their baseline, the server's threads and its heap after a full GC (within 10 %) back to what they
 * were after one round (a first use starts some once), no answer a 5xx, and every mail the answers promised sent.
 */
@ExtendWith(UgyfelportalExtension.class)
class SoakRun {

    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("soak.seconds", 60));
    /** Past the login's 30 min, the links' and the limit's hour and every DÁP lifetime. */
    private static final Duration PAST_EVERY_LIFETIME = Duration.ofHours(2);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String PASSWORD = DapJourney.PASSWORD;
    /** Linked here and unlinked at the end: the page tests after this class expect it unlinked. */
    private static final String LINKED_IDENTITY = "kelemen-reka";
    private static final double HEAP_MARGIN = 0.10;
    private static final int THREAD_MARGIN = 4;

    @Test
    void whatTheWorkloadsLeaveIsGoneOnceTheLifetimesHavePassed(TestEnvironment env) throws Exception {
        String loginCustomer = AdminApi.uniqueEmail("soak-login");
        DapJourney.customer(env, loginCustomer);
        String dapCustomer = AdminApi.uniqueEmail("soak-dap");
        String dapCustomerId = DapJourney.customer(env, dapCustomer);
        List<String> promised = new ArrayList<>();
        ServerGauges baseline;
        ServerGauges warmedUp;
        try {
            assertThat(DapJourney.link(env, dapCustomer, LINKED_IDENTITY).isPortalRedirect()).as("linked").isTrue();
            baseline = ServerGauges.settled(env);
            // One round first: what a first use starts once (a queue's senders, a pool's threads) is no growth.
            try (var hidden = LinkRequestSettings.revealUnknownEmail(env, false)) {
                round(env, loginCustomer, promised);
            }
            warmedUp = ServerGauges.settled(env);
            try (var hidden = LinkRequestSettings.revealUnknownEmail(env, false);
                 var relay = new StallingSmtpRelay(env.mail().smtpPort(), Duration.ofSeconds(1))) {
                env.admin().withSmtpPort(relay.port(), () -> {
                    Instant end = Instant.now().plus(RUN);
                    while (Instant.now().isBefore(end)) {
                        round(env, loginCustomer, promised);
                    }
                    for (String email : promised) {
                        LoginJourney.awaitMail(env, email, 0);
                    }
                });
            }
        } finally {
            env.admin().call("DELETE", "/users/" + dapCustomerId + "/federated-identity/dap", null);
        }
        int rounds = promised.size() - 1;

        ServerGauges after;
        try (TestClock clock = env.clock()) {
            clock.move(PAST_EVERY_LIFETIME);
            clock.removeExpiredEntries();
            after = ServerGauges.settledTo(env, baseline, SETTLE);
        }
        System.out.printf("%nSOAK %d rounds in %d s: baseline %s; after one round %s; after the lifetimes %s; promised "
                + "link mails %d, all arrived%n", rounds, RUN.toSeconds(), baseline, warmedUp, after, promised.size());
        assertThat(after.actionTokens()).as("actionTokens entries").isLessThanOrEqualTo(baseline.actionTokens());
        assertThat(after.authenticationSessions()).as("authenticationSessions entries")
                .isLessThanOrEqualTo(baseline.authenticationSessions());
        assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(warmedUp.threads() + THREAD_MARGIN);
        assertThat((double) after.heapBytesAfterGc()).as("heap after a full GC")
                .isLessThanOrEqualTo(warmedUp.heapBytesAfterGc() * (1 + HEAP_MARGIN));
        assertThat(after.serverErrorAnswers()).as("answers with a 5xx").isEqualTo(baseline.serverErrorAnswers());
    }

    /** One of each workload; the server's own count says whether any answer was a 5xx. */
    private static void round(TestEnvironment env, String loginCustomer, List<String> promised) {
        Browser login = env.newBrowser();
        Page done = LoginJourney.chooseFirstClientNumberIfAsked(login, LoginJourney.passwordAndCode(env, login,
                login.open(env.portal().authorizationRequest().url()), loginCustomer, PASSWORD));
        assertThat(done.isPortalRedirect()).as("password and code login").isTrue();

        Browser abandoned = env.newBrowser();
        LoginJourney.submitPassword(abandoned, abandoned.open(env.portal().authorizationRequest().url()),
                loginCustomer, PASSWORD);

        String linkAddress = AdminApi.uniqueEmail("soak-link");
        env.admin().createUser(linkAddress, null, AdminApi.oneClientNumber());
        Browser link = env.newBrowser();
        Page sent = PasswordLinkSteps.submitEmail(link, PasswordLinkSteps.forgotPasswordPage(env, link), RESET_FORM,
                linkAddress);
        assertThat(sent.has("#ugyfelportal-link-sent")).isTrue();
        promised.add(linkAddress);

        assertThat(DapJourney.logsIn(env, LINKED_IDENTITY)).as("DÁP login answered").isTrue();
        DapJourney.qrPage(env, env.newBrowser());
        env.dap().paste(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));
        env.dap().decline(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));
        Browser streaming = env.newBrowser();
        Page waiting = DapJourney.qrPage(env, streaming);
        QrStatusStream.open(streaming, waiting.document().selectFirst("#dap-qr").absUrl("data-status-url")).close();
    }
}
