package hu.ugyfelportal.it.security;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a customer (or an attacker) types reaches the event store and Keycloak's log only escaped: NUL, line breaks
 * and terminal escape sequences cannot forge a log line or hide in it.
 */
@ExtendWith(UgyfelportalExtension.class)
class EventHygieneIT {

    private static final String PASSWORD = "Valaszto-jelszo-1";
    private static final String HOSTILE = "\u0000\r\nFAKE\u001b[2J";
    private static final String ESCAPED = "\\u0000\\u000d\\u000aFAKE\\u001b[2J";

    @Test
    void aPostedClientNumberIsEscapedInTheEventAndTheLog(TestEnvironment env) {
        Customer customer = Customer.withTwoClientNumbers(env, "chooser-nul", PASSWORD);
        Browser browser = env.newBrowser();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);

        LoginJourney.chooseClientNumber(browser, chooser, "3800" + HOSTILE);

        assertThat(env.admin().events("LOGIN_ERROR", customer.id()))
                .anySatisfy(event -> assertThat(AdminApi.details(event).get("client_number")).isEqualTo("3800" + ESCAPED));
        assertLogHasOnlyTheEscapedForm(env, "3800" + ESCAPED);
    }

    @Test
    void anAddressTypedOnTheLinkPageIsEscapedInTheEventAndTheLog(TestEnvironment env) {
        String typed = "nobody" + HOSTILE + "@example.hu";
        Browser browser = env.newBrowser();
        Page forgot = PasswordLinkSteps.forgotPasswordPage(env, browser);

        PasswordLinkSteps.submitEmail(browser, forgot, PasswordLinkSteps.RESET_FORM, typed);

        assertThat(env.admin().events("RESET_PASSWORD_ERROR", null))
                .anySatisfy(event -> assertThat(AdminApi.details(event).get("username")).isEqualTo("nobody" + ESCAPED + "@example.hu"));
        assertLogHasOnlyTheEscapedForm(env, "nobody" + ESCAPED);
    }

    @Test
    void aUsernameTypedOnTheLoginPageIsEscapedInTheEventAndTheLog(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());

        Page again = LoginJourney.submitPassword(browser, login, "intruder" + HOSTILE + "@example.hu", "Barmi-jelszo-1");

        assertThat(again.document().select("#input-error-username").text())
                .isEqualTo("Nem megfelelő felhasználónév vagy jelszó");
        assertThat(env.admin().events("LOGIN_ERROR", null))
                .anySatisfy(event -> assertThat(AdminApi.details(event).get("username")).isEqualTo("intruder" + ESCAPED + "@example.hu"));
        assertLogHasOnlyTheEscapedForm(env, "intruder" + ESCAPED);
    }

    private static void assertLogHasOnlyTheEscapedForm(TestEnvironment env, String escaped) {
        String log = env.keycloak().logTail(400);
        assertThat(log).contains(escaped).doesNotContain("\u0000").doesNotContain("\u001b[2J");
    }
}
