package hu.ugyfelportal.it.operations;

import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo portal of the local run in a real Chromium, with a demo customer as imported from the demo file: the
 * portal's login button, password, e-mailed code and the chooser, the chosen client number on the portal, and the
 * logout through Keycloak back to the portal.
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

    @Test
    void aCallbackThisBrowserDidNotStartIsRefusedWithTheReasonInHungarian(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();

        browser.get(env.demoPortal().url() + "/login/callback?code=stolen&state=guessed");

        assertThat(browser.findElement(By.id("portal-error")).getText())
                .isEqualTo("A bejelentkezés nem fejeződött be. Kérjük, kezdje újra a bejelentkezést.");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("hu");
    }
}
