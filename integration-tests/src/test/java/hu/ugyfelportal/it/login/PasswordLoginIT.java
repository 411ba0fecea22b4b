package hu.ugyfelportal.it.login;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(UgyfelportalExtension.class)
class PasswordLoginIT {

    @Test
    void loginPageIsHungarianByDefault(TestEnvironment env) {
        Page login = env.newBrowser().open(env.portal().authorizationRequest().url());

        assertThat(login.document().select("label[for=username]").text()).isEqualTo("Felhasználónév");
        assertThat(login.document().select("label[for=password]").text()).isEqualTo("Jelszó");
        assertThat(login.document().select("#kc-login").text()).isEqualTo("Kérem a kódot");
        assertThat(login.document().select("html").attr("lang")).isEqualTo("hu");
    }

    @Test
    void loginPageSpeaksEnglishWhenAsked(TestEnvironment env) {
        Page login = env.newBrowser().open(env.portal().authorizationRequest(Map.of("ui_locales", "en")).url());

        assertThat(login.document().select("label[for=username]").text()).isEqualTo("Username");
        assertThat(login.document().select("#kc-login").text()).isEqualTo("Send me the code");
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameMessage(TestEnvironment env) {
        String unknownUser = failedLoginMessage(env, "nincs-ilyen@example.hu", "Barmi-jelszo-1");
        String wrongPassword = failedLoginMessage(env, "nagy.eva@example.hu", "Rossz-jelszo-1");

        assertThat(unknownUser).isEqualTo("Nem megfelelő felhasználónév vagy jelszó");
        assertThat(wrongPassword).isEqualTo(unknownUser);
    }

    @Test
    void demoCustomerLogsIn(TestEnvironment env) {
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page login = browser.open(request.url());

        Page done = LoginJourney.passwordAndCode(env, browser, login, "nagy.eva@example.hu", "Demo-jelszo-2");

        assertThat(done.isPortalRedirect()).as("redirected to the portal: %s", done).isTrue();
        PortalClient.Tokens tokens = env.portal().exchange(request, done);
        assertThat(tokens.idTokenClaims()).containsEntry("email", "nagy.eva@example.hu");
    }

    private static String failedLoginMessage(TestEnvironment env, String username, String password) {
        Browser browser = env.newBrowser();
        Page login = browser.open(env.portal().authorizationRequest().url());
        Page again = LoginJourney.submitPassword(browser, login, username, password);
        return again.document().select("#input-error-username").text();
    }
}
