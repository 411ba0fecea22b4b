package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestClock;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/** The e-mailed links: single use, short-lived, and not used up by a mail scanner's GET. */
@ExtendWith(UgyfelportalExtension.class)
class PasswordLinkIT {

    static final String REGISTRATION_ERROR = "Regisztrációs hiba!";
    static final String ONCE = "Fontos! Az e-mailben megküldött link egyszer használható. Amennyiben nem vitte végig "
            + "a jelszómódosítási folyamatot, kérjük, hogy kezdje újra a jelszó visszaállítási folyamatot.";

    @Test
    void scannerOpeningTheLinkDoesNotUseItUp(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("scanned");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser customer = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, customer, PasswordLinkSteps.forgotPasswordPage(env, customer),
                RESET_FORM, email);
        int mailsBefore = env.mail().mailsFor(email).size();

        Page scanned = env.newBrowser().open(link);
        env.newBrowser().open(link);

        assertThat(scanned.has(PasswordLinkSteps.CONFIRM_FORM)).as("scanner sees the confirmation: %s", scanned).isTrue();
        assertThat(scanned.document().select("#kc-request-code").text()).isEqualTo("Kérem a kódot");
        assertThat(scanned.document().select("#ugyfelportal-link-confirm-intro").text()).contains("(" + email + ")");
        assertThat(env.mail().mailsFor(email)).as("a GET sends no code").hasSize(mailsBefore);
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, customer, customer.open(link), email);
        PasswordLinkSteps.setPassword(customer, passwordPage, "Uj-jelszo-2024");
        PasswordLinkSteps.assertCanLogIn(env, email, "Uj-jelszo-2024");
    }

    @Test
    void linkOpenedInAnotherBrowserWorks(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("other-browser");
        env.admin().createUser(email, null, AdminApi.oneClientNumber());
        Browser desktop = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, desktop, PasswordLinkSteps.registrationPage(env, desktop),
                PasswordLinkSteps.REGISTRATION_FORM, email);

        Browser phone = env.newBrowser();
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, phone, phone.open(link), email);
        PasswordLinkSteps.setPassword(phone, passwordPage, "Uj-jelszo-2024");

        PasswordLinkSteps.assertCanLogIn(env, email, "Uj-jelszo-2024");
    }

    @Test
    void linkUsedOnceCannotBeUsedAgain(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("twice");
        String userId = env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser customer = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, customer, PasswordLinkSteps.forgotPasswordPage(env, customer),
                RESET_FORM, email);
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, customer, customer.open(link), email);
        PasswordLinkSteps.setPassword(customer, passwordPage, "Uj-jelszo-2024");

        Page again = env.newBrowser().open(link);

        assertThat(again.text()).contains(REGISTRATION_ERROR).contains(ONCE);
        assertThat(again.has(PasswordLinkSteps.CONFIRM_FORM)).isFalse();
        assertThat(env.admin().events("RESET_PASSWORD_ERROR", userId))
                .anySatisfy(event -> assertThat(event.toString()).contains("expired_code"));
    }

    @Test
    void linkConfirmedInOneBrowserFailsInAnotherThatOpenedItEarlier(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("race");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser customer = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, customer, PasswordLinkSteps.forgotPasswordPage(env, customer),
                RESET_FORM, email);
        Browser second = env.newBrowser();
        Page secondLinkPage = second.open(link);

        PasswordLinkSteps.confirmWithCode(env, customer, customer.open(link), email);
        Page secondResult = PasswordLinkSteps.confirmWithCode(env, second, secondLinkPage, email);

        assertThat(secondResult.text()).contains(REGISTRATION_ERROR).contains(ONCE);
        assertThat(secondResult.has(PasswordLinkSteps.PASSWORD_FORM)).isFalse();
    }

    @Test
    void expiredLinkFails(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("expired");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        String link;
        Browser customer = env.newBrowser();
        try (var shortLinks = LinkRequestSettings.linkLifetimeSeconds(env, 120)) {
            link = PasswordLinkSteps.requestLink(env, customer, PasswordLinkSteps.forgotPasswordPage(env, customer),
                    RESET_FORM, email);
        }
        Page expired;
        Page expiredWhereRequested;
        try (TestClock clock = env.clock()) {
            clock.move(Duration.ofSeconds(121));
            expired = env.newBrowser().open(link);
            expiredWhereRequested = customer.open(link);
        }

        assertThat(expired.text()).contains(REGISTRATION_ERROR).contains(ONCE);
        assertThat(expired.has(PasswordLinkSteps.CONFIRM_FORM)).isFalse();
        assertThat(expiredWhereRequested.text()).as("in the browser that asked for it").contains(REGISTRATION_ERROR);
        assertThat(expiredWhereRequested.has(PasswordLinkSteps.CONFIRM_FORM)).isFalse();
        assertThat(env.admin().events("EXECUTE_ACTION_TOKEN_ERROR", null))
                .anySatisfy(event -> assertThat(event.toString()).contains("expired_code"));
    }

    @Test
    void tamperedLinkFails(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("tampered");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser customer = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, customer, PasswordLinkSteps.forgotPasswordPage(env, customer),
                RESET_FORM, email);

        Page tampered = env.newBrowser().open(link.replaceFirst("key=([^.&]+)\\.([^.&]+)\\.", "key=$1.$2x."));

        assertThat(tampered.has(PasswordLinkSteps.CONFIRM_FORM)).isFalse();
        assertThat(tampered.text()).doesNotContain("Exception");
    }
}
