package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.REGISTRATION_FORM;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(UgyfelportalExtension.class)
class RegistrationIT {

    @Test
    void loginPageLinksToTheRegistrationPage(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        assertThat(login.document().select("#ugyfelportal-registration-link").text()).isEqualTo("Regisztrációs oldal");

        Page registration = PasswordLinkSteps.registrationPage(env, browser);

        assertThat(registration.document().select("#kc-page-title").text()).isEqualTo("Regisztráció");
        assertThat(registration.has(REGISTRATION_FORM)).isTrue();
        assertThat(registration.document().select("#kc-send").text()).isEqualTo("Küldés");
    }

    @Test
    void portalCanLinkStraightToTheRegistrationPage(TestEnvironment env) {
        Page registration = env.newBrowser().open(env.keycloak().baseUrl() + "/realms/" + env.realm()
                + "/login-actions/reset-credentials?client_id=ugyfelportal-portal&purpose=registration");

        assertThat(registration.document().select("#kc-page-title").text()).isEqualTo("Regisztráció");
        assertThat(registration.has(REGISTRATION_FORM)).isTrue();
    }

    @Test
    void languageSwitchKeepsTheRegistrationPage(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page registration = PasswordLinkSteps.registrationPage(env, browser);
        Element english = registration.document().select("#login-select-toggle option").stream()
                .filter(option -> option.attr("value").contains("kc_locale=en")).findFirst()
                .orElseThrow(() -> new AssertionError("No English in the language switch: "
                        + registration.document().select("#login-select-toggle")));

        Page inEnglish = browser.open(english.absUrl("value"));

        assertThat(inEnglish.document().select("#kc-page-title").text()).isEqualTo("Registration");
        assertThat(inEnglish.has(REGISTRATION_FORM)).isTrue();
    }

    @Test
    void provisionedCustomerRegistersSetsAPasswordAndLogsIn(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("register");
        String userId = env.admin().createUser(email, null, AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();

        String link = PasswordLinkSteps.requestLink(env, browser, PasswordLinkSteps.registrationPage(env, browser),
                REGISTRATION_FORM, email);
        Page linkPage = browser.open(link);
        assertThat(linkPage.document().select("#kc-page-title").text()).isEqualTo("Regisztráció");
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, browser, linkPage, email);
        assertThat(passwordPage.document().select("#ugyfelportal-password-rules").text())
                .contains("legalább 8 karakter hosszú legyen")
                .contains("nem egyezhet meg a felhasználónevével")
                .contains("nem egyezhet meg az e-mail címével");
        Page done = PasswordLinkSteps.setPassword(browser, passwordPage, "Elso-jelszo-2024");

        assertThat(done.text()).contains("Jelszavát sikeresen beállította");
        PasswordLinkSteps.assertCanLogIn(env, email, "Elso-jelszo-2024");
        assertThat(env.admin().holdsTheRealmsDefaultRoles(userId)).as("the account console works for them").isTrue();
    }

    @Test
    void passwordAgainstThePolicyIsRefusedInHungarianAndCanBeRetried(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("policy");
        env.admin().createUser(email, null, AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, browser, PasswordLinkSteps.registrationPage(env, browser),
                REGISTRATION_FORM, email);
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, browser, browser.open(link), email);

        Page refused = PasswordLinkSteps.setPassword(browser, passwordPage, "rovid");

        assertThat(refused.text()).contains("A jelszó nem megfelelő: legalább 8 karakter hosszú legyen.");
        Page done = PasswordLinkSteps.setPassword(browser, refused, "Elso-jelszo-2024");
        assertThat(done.text()).contains("Jelszavát sikeresen beállította");
    }

    @Test
    void registrationMailIsHungarianWithHtmlAndText(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("register-mail");
        env.admin().createUser(email, null, AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        PasswordLinkSteps.requestLink(env, browser, PasswordLinkSteps.registrationPage(env, browser), REGISTRATION_FORM, email);

        ReceivedMail mail = env.mail().mailsFor(email).get(0);
        assertThat(mail.subject()).isEqualTo("Ügyfélportál – regisztráció");
        assertThat(mail.textBody()).contains("Regisztrációt kezdeményezett").contains("Kérem a kódot");
        assertThat(mail.htmlBody()).contains("Regisztráció folytatása");
    }

    @Test
    void unknownEmailIsToldToCheckTheContractAddress(TestEnvironment env) {
        Browser browser = env.newBrowser();
        String email = AdminApi.uniqueEmail("unknown-registration");

        Page answer = PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.registrationPage(env, browser),
                REGISTRATION_FORM, email);

        assertThat(answer.document().select("#ugyfelportal-link-answer").text())
                .contains("Kérjük ellenőrizze, hogy a szerződéséhez tartozó e-mail címet helyesen adta-e meg.");
        assertThat(answer.has(REGISTRATION_FORM)).as("can try again").isTrue();
        assertThat(env.mail().mailsFor(email)).isEmpty();
    }

    @Test
    void registeredCustomerIsPointedToTheForgottenPasswordPage(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("registered");
        env.admin().createUser(email, "Meglevo-jelszo-1", AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();

        Page answer = PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.registrationPage(env, browser),
                REGISTRATION_FORM, email);

        assertThat(answer.document().select("#ugyfelportal-link-answer").text())
                .contains("Ezzel az e-mail címmel már regisztrált").contains("Elfelejtette a jelszavát?");
        Page forgot = browser.open(answer.document().selectFirst("#ugyfelportal-forgot-password-link").absUrl("href"));
        assertThat(forgot.has(PasswordLinkSteps.RESET_FORM)).as("forgotten-password page: %s", forgot).isTrue();
        assertThat(env.mail().mailsFor(email)).isEmpty();
        assertThat(env.admin().events("RESET_PASSWORD_ERROR", null))
                .anySatisfy(event -> assertThat(event.toString()).contains(email).contains("already_registered"));
    }

    @Test
    void selfRegistrationThatCreatesUsersStaysOff(TestEnvironment env) {
        Map<String, Object> realm = env.admin().get("", new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
        assertThat(realm.get("registrationAllowed")).isEqualTo(false);
        Page register = env.newBrowser().open(env.portal().authorizationRequest().url()
                .replace("/protocol/openid-connect/auth?", "/protocol/openid-connect/registrations?"));
        assertThat(register.has("#kc-register-form")).isFalse();
    }
}
