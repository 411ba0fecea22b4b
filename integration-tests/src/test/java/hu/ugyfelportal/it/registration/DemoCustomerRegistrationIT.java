package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.REGISTRATION_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/** What a newcomer tries in the local run: the demo file's provisioned customer, as imported, registers. */
@ExtendWith(UgyfelportalExtension.class)
class DemoCustomerRegistrationIT {

    /** The demo file's customer without a password (realm-config/demo/ugyfelportal-users-0.json). */
    private static final String PROVISIONED = "szabo.anna@example.hu";
    private static final String PASSWORD = "Anna-jelszava-2026";

    @Test
    void theProvisionedDemoCustomerRegistersAndLogsInWithItsClientNumber(TestEnvironment env) {
        Browser browser = env.newBrowser();
        String link = PasswordLinkSteps.requestLink(env, browser, PasswordLinkSteps.registrationPage(env, browser),
                REGISTRATION_FORM, PROVISIONED);
        Page passwordPage = PasswordLinkSteps.confirmWithCode(env, browser, browser.open(link), PROVISIONED);
        Page done = PasswordLinkSteps.setPassword(browser, passwordPage, PASSWORD);
        assertThat(done.text()).contains("Jelszavát sikeresen beállította");

        Browser portalBrowser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page redirect = LoginJourney.passwordAndCode(env, portalBrowser, portalBrowser.open(request.url()),
                PROVISIONED, PASSWORD);

        assertThat(env.portal().exchange(request, redirect).idTokenClaims())
                .containsEntry("client_number", "10000003")
                .containsEntry("client_type", "EGYENI_VALLALKOZO")
                .containsEntry("client_name", "Szabó Anna e.v.");
    }
}
