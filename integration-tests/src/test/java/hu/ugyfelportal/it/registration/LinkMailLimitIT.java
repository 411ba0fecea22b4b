package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.REGISTRATION_FORM;
import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody can flood a customer's mailbox through the link pages: one link mail per address within the cool-down
 * (60 s by default) and a few an hour, whatever sessions the requests come from. A throttled request sees the
 * same "E-mailt küldtünk" page, nothing is sent, and an event records it without the address.
 */
@ExtendWith(UgyfelportalExtension.class)
class LinkMailLimitIT {

    @Test
    void repeatedRequestsForOneAddressSendOneMailWithinTheCooldown(TestEnvironment env) {
        String flooded = AdminApi.uniqueEmail("flooded");
        String floodedId = env.admin().createUser(flooded, null, AdminApi.oneClientNumber());
        String other = AdminApi.uniqueEmail("other");
        env.admin().createUser(other, null, AdminApi.oneClientNumber());

        for (int request = 0; request < 4; request++) {
            Page answer = requestFromAFreshSession(env, flooded, request % 2 == 0);
            assertThat(answer.has("#ugyfelportal-link-sent")).as("request %d: %s", request, answer).isTrue();
        }
        Page forOther = requestFromAFreshSession(env, other, false);

        assertThat(forOther.has("#ugyfelportal-link-sent")).isTrue();
        // With the revealing answer (the realm's) a mail goes out before its answer: no later mail can come.
        assertThat(env.mail().mailsFor(flooded)).hasSize(1);
        assertThat(env.mail().mailsFor(other)).hasSize(1);
        assertThat(env.admin().events("SEND_RESET_PASSWORD_ERROR", floodedId)).hasSize(3).allSatisfy(event -> {
            assertThat(event.get("error")).isEqualTo("link_mail_throttled");
            assertThat(event.toString()).contains("cooldown").doesNotContain(flooded);
        });
    }

    @Test
    void theHourlyLimitHoldsWithoutACooldown(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("hourly");
        String userId = env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        try (var limits = LinkRequestSettings.set(env, Map.of("mailCooldownSeconds", "0", "mailsPerHour", "2"))) {
            for (int request = 0; request < 3; request++) {
                assertThat(requestFromAFreshSession(env, email, false).has("#ugyfelportal-link-sent")).isTrue();
            }
        }
        // Sent before each answer, as above.

        assertThat(env.mail().mailsFor(email)).hasSize(2);
        assertThat(env.admin().events("SEND_RESET_PASSWORD_ERROR", userId)).singleElement()
                .satisfies(event -> assertThat(event.toString()).contains("link_mail_throttled", "hourly_limit"));
    }

    @Test
    void aThrottledUnknownAddressLooksLikeAThrottledKnownOneWhenAccountsAreHidden(TestEnvironment env) {
        String known = AdminApi.uniqueEmail("hidden-known");
        String knownId = env.admin().createUser(known, "Regi-jelszo-1", AdminApi.oneClientNumber());
        String unknown = AdminApi.uniqueEmail("hidden-unknown");
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false)) {
            requestFromAFreshSession(env, known, false);
            requestFromAFreshSession(env, unknown, false);
            LoginJourney.awaitMail(env, known, 0);
            long throttledBefore = throttledWithoutUser(env);

            Page throttledKnown = requestFromAFreshSession(env, known, false);
            Page throttledUnknown = requestFromAFreshSession(env, unknown, false);

            // The seconds left of each cool-down may differ by one; the words may not.
            assertThat(throttledUnknown.text().replace(unknown, "X").replaceAll("\\d+", "N"))
                    .isEqualTo(throttledKnown.text().replace(known, "X").replaceAll("\\d+", "N"));
            assertThat(throttledKnown.has("#ugyfelportal-link-sent")).isTrue();
            // Both second requests were throttled, not answered as first ones: each left its throttle event.
            assertThat(env.admin().events("SEND_RESET_PASSWORD_ERROR", knownId)).singleElement()
                    .satisfies(event -> assertThat(event.get("error")).isEqualTo("link_mail_throttled"));
            assertThat(throttledWithoutUser(env)).as("the unknown address's throttle event")
                    .isEqualTo(throttledBefore + 1);
        }
    }

    /** Throttle events name no address, so an unknown address's is one without a user. */
    private static long throttledWithoutUser(TestEnvironment env) {
        return env.admin().events("SEND_RESET_PASSWORD_ERROR", null).stream()
                .filter(event -> event.get("userId") == null && "link_mail_throttled".equals(event.get("error")))
                .count();
    }

    private static Page requestFromAFreshSession(TestEnvironment env, String email, boolean registration) {
        Browser browser = env.newBrowser();
        return registration
                ? PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.registrationPage(env, browser), REGISTRATION_FORM, email)
                : PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, email);
    }
}
