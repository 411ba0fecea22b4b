package hu.ugyfelportal.it.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(UgyfelportalExtension.class)
class ForgottenPasswordIT {

    @Test
    void forgottenPasswordPageHasTheFaqWords(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        assertThat(login.document().select("#ugyfelportal-forgot-password-link").text()).isEqualTo("Elfelejtette a jelszavát?");

        Page page = PasswordLinkSteps.forgotPasswordPage(env, browser);

        assertThat(page.document().select("#kc-page-title").text()).isEqualTo("Elfelejtett jelszó");
        assertThat(page.document().select("label[for=email]").text()).isEqualTo("E-mail cím");
        assertThat(page.document().select("#kc-send").text()).isEqualTo("Küldés");
    }

    @Test
    void customerSetsANewPasswordThroughTheLinkAndLogsInWithIt(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("reset");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();

        String link = PasswordLinkSteps.requestLink(env, browser,
                PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, email);
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, browser, browser.open(link), email);
        Page done = PasswordLinkSteps.setPassword(browser, passwordPage, "Uj-jelszo-2024");

        assertThat(done.text()).contains("Jelszavát sikeresen beállította");
        PasswordLinkSteps.assertCanLogIn(env, email, "Uj-jelszo-2024");
        Browser other = env.newBrowser();
        Page oldPassword = LoginJourney.submitPassword(other, other.open(env.portal().authorizationRequest().url()),
                email, "Regi-jelszo-1");
        assertThat(oldPassword.text()).contains("Nem megfelelő felhasználónév vagy jelszó");
    }

    @Test
    void resetMailIsHungarianWithHtmlAndText(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("reset-mail");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        PasswordLinkSteps.requestLink(env, browser, PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, email);

        ReceivedMail mail = env.mail().mailsFor(email).get(0);
        assertThat(mail.subject()).isEqualTo("Ügyfélportál – új jelszó beállítása");
        assertThat(mail.textBody()).contains("Kérem a kódot").contains("15 percig").contains("egyszer használható");
        assertThat(mail.htmlBody()).contains("<a href=\"http").contains("Új jelszó beállítása");
    }

    @Test
    void resetMailAndPagesAreEnglishForAnEnglishCustomer(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("reset-en");
        env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Browser browser = env.newBrowser().acceptLanguage("en");
        Page page = PasswordLinkSteps.forgotPasswordPage(env, browser, Map.of("ui_locales", "en"));
        assertThat(page.document().select("#kc-page-title").text()).isEqualTo("Forgotten password");
        assertThat(page.document().select("#kc-send").text()).isEqualTo("Send");

        String link = PasswordLinkSteps.requestLink(env, browser, page, RESET_FORM, email);

        ReceivedMail mail = env.mail().mailsFor(email).get(0);
        assertThat(mail.subject()).isEqualTo("Customer Portal – set a new password");
        assertThat(mail.textBody()).contains("Send me the code");
        assertThat(mail.htmlBody()).contains("Set a new password");
        assertThat(browser.open(link).text()).contains("Send me the code");
    }

    @Test
    void unknownEmailGetsTheFaqAnswerWithTheRegistrationLink(TestEnvironment env) {
        Browser browser = env.newBrowser();
        String email = AdminApi.uniqueEmail("nobody");

        Page answer = PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.forgotPasswordPage(env, browser),
                RESET_FORM, email);

        assertThat(answer.document().select("#ugyfelportal-link-answer").attr("aria-live")).isEqualTo("assertive");
        assertThat(answer.text()).contains("Sikertelen jelszó visszaállítási folyamat")
                .contains("Kérjük ellenőrizze, hogy a szerződéséhez tartozó e-mail címet helyesen adta-e meg. "
                        + "Amennyiben igen, akkor valószínűleg még nem regisztrált az Ügyfélportálra. "
                        + "A regisztrációt itt tudja megtenni: Regisztrációs oldal");
        Page registration = browser.open(answer.document().selectFirst("#ugyfelportal-registration-link").absUrl("href"));
        assertThat(registration.has(PasswordLinkSteps.REGISTRATION_FORM)).as("registration page: %s", registration).isTrue();
        assertThat(env.admin().events("RESET_PASSWORD_ERROR", null))
                .anySatisfy(event -> assertThat(event.toString()).contains(email).contains("user_not_found"));
        assertThat(env.mail().mailsFor(email)).isEmpty();
    }

    @Test
    void forgottenPasswordLinkOpensItsPageEvenAfterTheRegistrationPage(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        browser.open(login.document().selectFirst("#ugyfelportal-registration-link").absUrl("href"));

        Page forgot = browser.open(login.document().selectFirst("#ugyfelportal-forgot-password-link").absUrl("href"));

        assertThat(forgot.document().select("#kc-page-title").text()).isEqualTo("Elfelejtett jelszó");
    }

    @Test
    void mailServerDownGivesAClearErrorAndTheCustomerCanTryAgain(TestEnvironment env) throws IOException {
        String email = AdminApi.uniqueEmail("smtp-down");
        String userId = env.admin().createUser(email, "Regi-jelszo-1", AdminApi.oneClientNumber());
        Map<String, Object> realm = env.admin().get("", new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, String> smtp = new HashMap<>((Map<String, String>) realm.get("smtpServer"));
        Browser browser = env.newBrowser();
        Page forgot = PasswordLinkSteps.forgotPasswordPage(env, browser);
        Page failed;
        try (ServerSocket closedSoon = new ServerSocket(0)) {
            Map<String, String> deadSmtp = new HashMap<>(smtp);
            deadSmtp.put("port", String.valueOf(closedSoon.getLocalPort()));
            closedSoon.close();
            env.admin().call("PUT", "", Map.of("smtpServer", deadSmtp)).expect(204);
            failed = PasswordLinkSteps.submitEmail(browser, forgot, RESET_FORM, email);
        } finally {
            env.admin().call("PUT", "", Map.of("smtpServer", smtp)).expect(204);
        }

        assertThat(failed.document().select("#ugyfelportal-link-error").text())
                .isEqualTo("Az e-mailt most nem sikerült elküldeni. Kérjük, próbálja újra néhány perc múlva.");
        assertThat(failed.text()).doesNotContain("Exception");
        assertThat(env.admin().events("SEND_RESET_PASSWORD_ERROR", userId))
                .anySatisfy(event -> assertThat(event.toString()).contains("email_send_failed"));
        int before = env.mail().mailsFor(email).size();
        Page retried = PasswordLinkSteps.submitEmail(browser, failed, RESET_FORM, email);
        assertThat(retried.has("#ugyfelportal-link-sent")).as("retry: %s", retried).isTrue();
        LoginJourney.linkFrom(LoginJourney.awaitMail(env, email, before));
    }

    @Test
    void emptyEmailIsAskedForAgain(TestEnvironment env) {
        Browser browser = env.newBrowser();

        Page again = PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, " ");

        assertThat(again.document().select("#input-error-email").text()).isEqualTo("Kérjük, adja meg e-mail címét.");
        assertThat(again.has(RESET_FORM)).isTrue();
    }
}
