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

import java.time.Duration;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/** With the realm switch off, the pages answer every address alike. */
@ExtendWith(UgyfelportalExtension.class)
class EnumerationSafeAnswerIT {

    @Test
    void unknownAndKnownEmailsGetTheSamePage(TestEnvironment env) {
        String known = AdminApi.uniqueEmail("known");
        env.admin().createUser(known, "Regi-jelszo-1", AdminApi.oneClientNumber());
        String unknown = AdminApi.uniqueEmail("unknown");
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false)) {
            Page forKnown = sentPage(env, known);
            Page forUnknown = sentPage(env, unknown);

            assertThat(forUnknown.text().replace(unknown, "X")).isEqualTo(forKnown.text().replace(known, "X"));
            assertThat(forUnknown.text()).doesNotContain("Sikertelen jelszó visszaállítási folyamat");
            LoginJourney.linkFrom(LoginJourney.awaitMail(env, known, 0));
            assertThat(env.mail().mailsFor(unknown)).isEmpty();
            // Written after the answer, as the known address's mail is sent after it.
            assertThat(env.admin().awaitEvents("RESET_PASSWORD_ERROR", null,
                    event -> event.toString().contains(unknown), Duration.ofSeconds(20)))
                    .singleElement().satisfies(event -> assertThat(event.get("error")).isEqualTo("user_not_found"));
        }
    }

    @Test
    void registeringARegisteredEmailLooksLikeAnyOtherRegistration(TestEnvironment env) {
        String registered = AdminApi.uniqueEmail("registered-safe");
        env.admin().createUser(registered, "Regi-jelszo-1", AdminApi.oneClientNumber());
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false)) {
            Browser browser = env.newBrowser();
            Page answer = PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.registrationPage(env, browser),
                    PasswordLinkSteps.REGISTRATION_FORM, registered);

            assertThat(answer.has("#ugyfelportal-link-sent")).as("neutral answer: %s", answer).isTrue();
            assertThat(answer.text()).doesNotContain("már regisztrált");
        }
    }

    private static Page sentPage(TestEnvironment env, String email) {
        Browser browser = env.newBrowser();
        return PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, email);
    }
}
