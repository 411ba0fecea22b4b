package hu.ugyfelportal.it.operations;

import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo portal of the local run in a real Chromium, with a demo customer as imported from the demo file: the
 * portal's login button, password, e-mailed code and the chooser, the chosen client number on the portal, and the
 * logout through Keycloak back to the portal. And the edges a real portal must handle (docs/portal-integration.md):
 * the Back button after the login and a login page left open in a second tab end on the portal, not on a failure.
 */
@ExtendWith(UgyfelportalExtension.class)
class DemoPortalInBrowserIT {

    @Test
    void demoCustomerSeesTheChosenClientNumberOnThePortalAndLogsOut(TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(portal + "/");
        browser.findElement(By.id("portal-login")).click();

        LoginJourney.passwordAndCodeInBrowser(env, browser, "kovacs.janos@example.hu", "Demo-jelszo-1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("client-number-20000001"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("portal-client-number")));
        assertThat(browser.getCurrentUrl()).isEqualTo(portal + "/");
        assertThat(browser.findElement(By.id("portal-client-number")).getText()).isEqualTo("20000001");
        assertThat(browser.findElement(By.id("portal-client-type")).getText()).isEqualTo("Cég");
        assertThat(browser.findElement(By.id("portal-client-name")).getText()).isEqualTo("Kovács és Társa Kft.");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.");

        browser.findElement(By.id("portal-logout")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("portal-logged-out")));
        assertThat(browser.getCurrentUrl()).isEqualTo(portal + "/logged-out");
        // Keycloak's session ended too: logging in again asks for the password, not for nothing.
        browser.findElement(By.id("portal-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.get(portal + "/");
        assertThat(browser.findElements(By.id("portal-client-number"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void backAfterTheLoginShowsThePortalNotAFailure(String language, TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = env.chromium().newSession(language);
        browser.get(portal + "/");
        browser.findElement(By.id("portal-login")).click();
        LoginJourney.passwordAndCodeInBrowser(env, browser, "nagy.eva@example.hu", "Demo-jelszo-2");
        awaitPortalWithClientNumber(browser, portal);

        // Back to each page of the finished login in turn: every one comes back to the portal.
        for (int step = 0; step < 2; step++) {
            browser.navigate().back();
            awaitPortalWithClientNumber(browser, portal);
        }
        assertThat(browser.findElements(By.id("portal-error"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void aLoginPageLeftOpenInASecondTabEndsOnThePortalOnceTheCustomerLogsInInTheOther(String language,
                                                                                     TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = env.chromium().newSession(language);
        String firstTab = browser.getWindowHandle();
        browser.get(portal + "/login");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        try {
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(portal + "/");
            browser.findElement(By.id("portal-login")).click();
            LoginJourney.passwordAndCodeInBrowser(env, browser, "nagy.eva@example.hu", "Demo-jelszo-2");
            awaitPortalWithClientNumber(browser, portal);

            // The waiting tab notices the login by itself (Keycloak's login page polls its cookies).
            browser.switchTo().window(firstTab);
            awaitPortalWithClientNumber(browser, portal);
            assertThat(browser.findElements(By.id("portal-error"))).isEmpty();
        } finally {
            for (String tab : browser.getWindowHandles()) {
                if (!tab.equals(firstTab)) {
                    browser.switchTo().window(tab).close();
                }
            }
            browser.switchTo().window(firstTab);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void authenticationExpiredStartsTheLoginAgainWhichSingleSignOnFinishes(String language, TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = loggedInAtThePortal(env, language, "nagy.eva@example.hu", "Demo-jelszo-2");
        // The portal's session is gone (its cookie, as after the portal restarted), Keycloak's is not.
        browser.manage().deleteCookieNamed("portal_session");

        browser.get(portal + "/login/callback?error=temporarily_unavailable&error_description=authentication_expired"
                + "&state=" + "someone-elses");

        awaitPortalWithClientNumber(browser, portal);
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void profilLinksBackToThePortal(String language, TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = loggedInAtThePortal(env, language, "nagy.eva@example.hu", "Demo-jelszo-2");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.findElement(By.id("portal-profile")).click();
        String back = language.equals(Chromium.HUNGARIAN) ? "Vissza az Ügyfélportálra" : "Back to the Customer Portal";
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(back))).click();

        awaitPortalWithClientNumber(browser, portal);
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void linkingDapFromThePortalTellsTheStatusOnThePortal(String language, TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = loggedInAtThePortal(env, language, "nagy.eva@example.hu", "Demo-jelszo-2");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.findElement(By.id("portal-link-dap")).click();
        // Keycloak's confirmation, in the login's language; „Mégse” comes back to the portal with kc_action_status.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("kc-cancel")));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(language.substring(0, 2));
        browser.findElement(By.id("kc-cancel")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("portal-dap-link-status")));
        assertThat(browser.getCurrentUrl()).isEqualTo(portal + "/?dap_link=cancelled");
        assertThat(browser.findElement(By.id("portal-dap-link-status")).getText())
                .isEqualTo("A DÁP összekötést megszakította, DÁP fiókja nincs összekötve.");
        assertThat(browser.findElement(By.id("portal-client-number")).getText()).isEqualTo("10000002");
    }

    @Test
    void aCompanyIsNotOfferedDapLinking(TestEnvironment env) {
        String portal = env.demoPortal().url();
        WebDriver browser = loggedInAtThePortal(env, Chromium.HUNGARIAN, "fekete.epito.kft@example.hu", "Demo-jelszo-3");

        assertThat(browser.findElements(By.id("portal-link-dap"))).isEmpty();
        assertThat(browser.findElements(By.id("portal-profile"))).isNotEmpty();
    }

    /** A demo customer logged in through the portal's login, on the portal's page. */
    private static WebDriver loggedInAtThePortal(TestEnvironment env, String language, String email, String password) {
        WebDriver browser = env.chromium().newSession(language);
        browser.get(env.demoPortal().url() + "/login");
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, password);
        awaitPortalWithClientNumber(browser, env.demoPortal().url());
        return browser;
    }

    /** Waits for the portal's own page of a logged-in customer. */
    private static void awaitPortalWithClientNumber(WebDriver browser, String portal) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().equals(portal + "/")
                && !driver.findElements(By.id("portal-client-number")).isEmpty());
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefusedWithTheReasonInHungarian(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();

        browser.get(env.demoPortal().url() + "/login/callback?code=stolen&state=guessed");

        assertThat(browser.findElement(By.id("portal-error")).getText())
                .isEqualTo("A bejelentkezés nem fejeződött be. Kérjük, kezdje újra a bejelentkezést.");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("hu");
    }
}
