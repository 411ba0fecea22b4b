package hu.ugyfelportal.it.security;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.StepConfig;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step meets settings an administrator got wrong the same way: one WARN line naming the step, its config and
 * the bad setting, one {@code *_misconfigured} error event, and the portal's error page telling the customer to try
 * later or call us (never Keycloak's generic page, never a stack trace). Each test breaks one setting of the imported
 * realm's own flows through the Admin API and puts it back.
 */
@ExtendWith(UgyfelportalExtension.class)
class MisconfiguredStepIT {

    private static final String PASSWORD = "Rossz-beallitas-1";
    private static final String BROWSER_FLOW = "ugyfelportal browser";
    private static final String RESET_FLOW = "ugyfelportal reset credentials";
    private static final String LOGIN_UNAVAILABLE = "A bejelentkezés most nem lehetséges. Kérjük, próbálja újra "
            + "később, vagy lépjen velünk kapcsolatba a +36-1/486-36-00-ás telefonszámon";

    @Test
    void aBadChooserSettingEndsTheLoginOnThePortalsErrorPage(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("valaszto-beallitas");
        String userId = env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        try (StepConfig chooser = StepConfig.change(env, BROWSER_FLOW, "ugyfelportal-client-number-chooser",
                Map.of("loginMethod", "SMS"))) {
            Browser browser = env.newBrowser();
            Page page = LoginJourney.passwordAndCode(env, browser,
                    browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);

            assertErrorPage(page, LOGIN_UNAVAILABLE);
            assertEvent(env, "LOGIN_ERROR", userId, "client_number_misconfigured", chooser.alias());
            assertLogLine(env, "The client-number chooser step refuses its authenticator config '" + chooser.alias()
                    + "': loginMethod must be one of PASSWORD, DAP, not 'SMS'");
        }
        Browser again = env.newBrowser();
        Page afterRestore = LoginJourney.passwordAndCode(env, again,
                again.open(env.portal().authorizationRequest().url()), email, PASSWORD);
        assertThat(afterRestore.isPortalRedirect()).as("restored: %s", afterRestore).isTrue();
    }

    @Test
    void aBadCodeSettingOfTheRealmsOwnStepEndsTheLoginOnThePortalsErrorPageInEitherLanguage(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("kod-beallitas");
        String userId = env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        try (StepConfig code = StepConfig.change(env, BROWSER_FLOW, "ugyfelportal-email-code",
                Map.of("codeLength", "3", "maxSendsPerLogin", "sok"))) {
            Browser browser = env.newBrowser();
            Page hungarian = LoginJourney.submitPassword(browser,
                    browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);
            Browser english = env.newBrowser().acceptLanguage("en");
            Page inEnglish = LoginJourney.submitPassword(english,
                    english.open(env.portal().authorizationRequest().url()), email, PASSWORD);

            assertErrorPage(hungarian, LOGIN_UNAVAILABLE);
            assertErrorPage(inEnglish, "Logging in is not possible right now. Please try again later or call us");
            assertEvent(env, "LOGIN_ERROR", userId, "email_code_misconfigured", code.alias());
            assertLogLine(env, "The e-mail code step refuses its authenticator config '" + code.alias()
                    + "': codeLength must be a whole number from 6 to 12, not '3'; "
                    + "maxSendsPerLogin must be a whole number from 1 to 20, not 'sok'");
            assertThat(env.mail().mailsFor(email)).as("no code is sent").isEmpty();
        }
    }

    @Test
    void aBadLinkSettingEndsTheRegistrationAndForgottenPasswordPagesOnThePortalsErrorPageInEitherLanguage(TestEnvironment env) {
        try (StepConfig link = StepConfig.change(env, RESET_FLOW, "ugyfelportal-password-link-request",
                Map.of("mailsPerHour", "0"))) {
            for (String linkId : List.of("#ugyfelportal-registration-link", "#ugyfelportal-forgot-password-link")) {
                Browser browser = env.newBrowser();
                Page page = browser.open(linkOnTheLoginPage(env, browser, linkId));

                assertErrorPage(page, "A jelszó beállítása most nem lehetséges. Kérjük, próbálja újra később");
            }
            Browser english = env.newBrowser().acceptLanguage("en");
            assertErrorPage(english.open(linkOnTheLoginPage(env, english, "#ugyfelportal-forgot-password-link")),
                    "Setting a password is not possible right now. Please try again later or call us");
            assertEvent(env, "RESET_PASSWORD_ERROR", null, "link_misconfigured", link.alias());
            assertLogLine(env, "The registration and password link step refuses its authenticator config '"
                    + link.alias() + "': mailsPerHour must be a whole number from 1 to 100, not '0'");
        }
    }

    @Test
    void aLinkSettingBrokenWhileThePageIsOpenIsMetWhenTheAddressIsSent(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("link-beallitas");
        env.admin().createUser(email, null, AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        Page forgot = browser.open(linkOnTheLoginPage(env, browser, "#ugyfelportal-forgot-password-link"));
        try (StepConfig link = StepConfig.change(env, RESET_FLOW, "ugyfelportal-password-link-request",
                Map.of("revealUnknownEmail", "igen"))) {
            Page page = browser.submit(forgot, "#kc-reset-password-form", Map.of("email", email));

            assertErrorPage(page, "A jelszó beállítása most nem lehetséges.");
            assertLogLine(env, "revealUnknownEmail must be true or false, not 'igen'");
            assertThat(env.mail().mailsFor(email)).as("no link is sent").isEmpty();
        }
    }

    private static String linkOnTheLoginPage(TestEnvironment env, Browser browser, String linkId) {
        Page login = browser.open(env.portal().authorizationRequest().url());
        Element link = login.document().selectFirst(linkId);
        assertThat(link).as("%s on %s", linkId, login).isNotNull();
        return link.absUrl("href");
    }

    /** The portal's error page (its message box, not Keycloak's generic one), with nothing of the server's insides. */
    private static void assertErrorPage(Page page, String message) {
        assertThat(page.status()).as("status of %s", page).isEqualTo(503);
        assertThat(page.document().select("#kc-error-message").text()).as("page: %s", page).startsWith(message);
        assertThat(page.html()).doesNotContain("Exception").doesNotContain("at org.keycloak");
    }

    private static void assertEvent(TestEnvironment env, String type, String userId, String error, String alias) {
        assertThat(env.admin().events(type, userId)).anySatisfy(event -> {
            assertThat(event).containsEntry("error", error);
            assertThat(details(event)).containsEntry("authenticator_config", alias);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> details(Map<String, Object> event) {
        return (Map<String, String>) event.getOrDefault("details", Map.of());
    }

    private static void assertLogLine(TestEnvironment env, String text) {
        assertThat(env.keycloak().logTail(400).lines().filter(line -> line.contains(text)))
                .as("the log names the step and the setting")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("WARN"));
    }
}
