package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Keyboard;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journeys with the keyboard alone (Tab, Enter, Space and typing; no click): each control is reached with Tab
 * and shows its focus.
 */
@ExtendWith(UgyfelportalExtension.class)
class KeyboardInBrowserIT {

    private static final String PASSWORD = "Billentyu-jelszo-1";

    @Test
    void passwordCodeAndChooserReachThePortal(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("billentyu");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam",
                List.of("75000001 | MAGANSZEMELY | Teszt Ügyfél", "75000002 | CEG | Teszt Kft.")));
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Keyboard keyboard = new Keyboard(browser);
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        browser.get(request.url());

        assertThat(keyboard.focusedId()).as("the login page starts in the e-mail field").isEqualTo("username");
        keyboard.type(email);
        keyboard.tabTo("password");
        keyboard.type(PASSWORD);
        keyboard.tabTo("kc-login");
        keyboard.assertFocusVisible();
        keyboard.press(Keys.ENTER);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        assertThat(keyboard.focusedId()).as("the code page starts in the code field").isEqualTo("code");
        keyboard.type(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, 0)));
        keyboard.tabTo("kc-login");
        keyboard.assertFocusVisible();
        keyboard.press(Keys.SPACE);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-client-number-form")));
        keyboard.tabTo("client-number-75000001");
        keyboard.assertFocusVisible();
        keyboard.tabTo("client-number-75000002");
        keyboard.assertFocusVisible();
        keyboard.press(Keys.ENTER);

        wait.until(ExpectedConditions.urlContains(env.portalUrl()));
        Page redirect = new Page(URI.create(browser.getCurrentUrl()), 200, "", Jsoup.parse(""),
                URI.create(browser.getCurrentUrl()));
        assertThat(env.portal().exchange(request, redirect).idTokenClaims())
                .containsEntry("client_number", "75000002");
    }

    @Test
    void theDapButtonOpensTheQrPageAndItsButtonsAreReachable(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Keyboard keyboard = new Keyboard(browser);
        browser.get(env.portal().authorizationRequest().url());

        keyboard.tabTo("social-dap");
        keyboard.assertFocusVisible();
        keyboard.press(Keys.ENTER);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-qr-image")));
        // A desktop: the same-device button is for phones and hidden here (DapQrPageInBrowserIT shows it on a touch
        // screen); every control the page does show is reached by Tab.
        assertThat(browser.findElement(By.id("dap-open-app")).isDisplayed()).isFalse();
        for (String button : List.of("dap-continue", "dap-cancel")) {
            keyboard.tabTo(button);
            keyboard.assertFocusVisible();
        }
        keyboard.press(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    }

    @Test
    void theReauthenticationPageStartsInThePasswordField(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("billentyu-ujra");
        env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Keyboard keyboard = new Keyboard(browser);
        browser.get(env.portal().authorizationRequest().url());
        LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);
        wait.until(ExpectedConditions.urlContains(env.portalUrl()));

        browser.get(env.portal().authorizationRequest(Map.of("prompt", "login")).url());

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertThat(browser.findElement(By.id("kc-attempted-username")).getDomAttribute("value")).isEqualTo(email);
        assertThat(browser.findElements(By.id("username"))).as("no second, empty username field").isEmpty();
        assertThat(keyboard.focusedId()).isEqualTo("password");
        int mailsBefore = env.mail().mailsFor(email).size();
        keyboard.type(PASSWORD);
        keyboard.press(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        keyboard.type(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore)));
        keyboard.press(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains(env.portalUrl()));
    }
}
