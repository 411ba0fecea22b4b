package hu.ugyfelportal.it.security;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client number the customer does not hold, posted to the chooser (an edited form), is an attack signal: it counts
 * for Keycloak's brute-force protection.
 */
@ExtendWith(UgyfelportalExtension.class)
class ChooserRefusalIT {

    private static final String PASSWORD = "Valaszto-jelszo-1";

    @Test
    void aRefusedChoiceCountsAsAFailedLogin(TestEnvironment env) throws InterruptedException {
        Customer customer = Customer.withTwoClientNumbers(env, "chooser-attack", PASSWORD);
        Browser browser = env.newBrowser();
        Page chooser = LoginJourney.passwordAndCode(env, browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);
        assertThat(chooser.has(LoginJourney.CHOOSER_FORM)).as("chooser: %s", chooser).isTrue();

        LoginJourney.chooseClientNumber(browser, chooser, "39999999");

        assertThat(awaitFailures(env, customer.id(), 1)).isEqualTo(1);
    }

    /** Keycloak records failures off the request thread: wait a little for the count to arrive. */
    private static int awaitFailures(TestEnvironment env, String userId, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        int failures = 0;
        while (Instant.now().isBefore(deadline)) {
            failures = ((Number) env.admin().bruteForceStatus(userId).get("numFailures")).intValue();
            if (failures >= expected) {
                return failures;
            }
            Thread.sleep(100);
        }
        return failures;
    }
}
