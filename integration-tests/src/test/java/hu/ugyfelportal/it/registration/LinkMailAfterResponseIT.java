package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.StallingSmtpRelay;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With accounts hidden (`revealUnknownEmail=false`) the link mail goes out after the answer, so a slow mail server
 * cannot tell a known address (a mail is sent) from an unknown one (nothing is sent). With the FAQ's revealing
 * answer (the default) the page still waits for the mail server, so a failed send can be shown and retried.
 * The bounds are generous against the stall; the measured medians are printed by LoginBenchmark.
 */
@ExtendWith(UgyfelportalExtension.class)
class LinkMailAfterResponseIT {

    private static final Duration STALL = Duration.ofSeconds(4);

    @Test
    void aKnownAddressIsAnsweredAsFastAsAnUnknownOneAndTheMailStillArrives(TestEnvironment env) throws Exception {
        String known = AdminApi.uniqueEmail("slow-smtp-known");
        String userId = env.admin().createUser(known, "Regi-jelszo-1", AdminApi.oneClientNumber());
        String unknown = AdminApi.uniqueEmail("slow-smtp-unknown");
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false);
             var slowSmtp = new StallingSmtpRelay(env.mail().smtpPort(), STALL)) {
            env.admin().withSmtpPort(slowSmtp.port(), () -> {
                Timed forKnown = timedRequest(env, known);
                Timed forUnknown = timedRequest(env, unknown);

                assertThat(forKnown.page().has("#ugyfelportal-link-sent")).as("%s", forKnown.page()).isTrue();
                assertThat(forUnknown.page().has("#ugyfelportal-link-sent")).isTrue();
                assertThat(forKnown.took()).as("known address, mail server stalled %s", STALL).isLessThan(STALL.dividedBy(2));
                assertThat(forUnknown.took()).isLessThan(STALL.dividedBy(2));
                LoginJourney.linkFrom(LoginJourney.awaitMail(env, known, 0));
            });
        }
        assertThat(env.admin().events("SEND_RESET_PASSWORD", userId)).isNotEmpty();
    }

    @Test
    void theRevealingAnswerStillWaitsForTheMailServer(TestEnvironment env) throws Exception {
        String known = AdminApi.uniqueEmail("slow-smtp-reveal");
        env.admin().createUser(known, "Regi-jelszo-1", AdminApi.oneClientNumber());
        try (var slowSmtp = new StallingSmtpRelay(env.mail().smtpPort(), STALL)) {
            env.admin().withSmtpPort(slowSmtp.port(), () -> {
                Timed forKnown = timedRequest(env, known);

                assertThat(forKnown.page().has("#ugyfelportal-link-sent")).isTrue();
                assertThat(env.mail().mailsFor(known)).as("sent before the answer").hasSize(1);
                assertThat(forKnown.took()).isGreaterThanOrEqualTo(STALL.minusMillis(200));
            });
        }
    }

    private record Timed(Page page, Duration took) {
    }

    private static Timed timedRequest(TestEnvironment env, String email) {
        Browser browser = env.newBrowser();
        Page form = PasswordLinkSteps.forgotPasswordPage(env, browser);
        long start = System.nanoTime();
        Page answer = PasswordLinkSteps.submitEmail(browser, form, RESET_FORM, email);
        return new Timed(answer, Duration.ofNanos(System.nanoTime() - start));
    }
}
