package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * „Mégse, vissza a bejelentkezéshez” on the DÁP QR page is a deliberate cancel, not a failure: the login page as it
 * was, without Keycloak's „Hozzáférés megtagadva hitelesítés során: DÁP”; the QR page reached again afterwards (Back)
 * says in the portal's words that the login has to start again. In a real Chromium, in both locales.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapCancelInBrowserIT {

    private static final Map<String, String> SESSION_EXPIRED = Map.of(
            Chromium.HUNGARIAN, "A bejelentkezés lejárt, vagy egy másik böngészőben kezdődött. Kérjük, kezdje újra a bejelentkezést.",
            Chromium.ENGLISH, "The login has expired or was started in another browser. Please start the login again.");

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void cancelOnTheQrPageReturnsToTheLoginPageWithoutAnError(String language, TestEnvironment env) {
        WebDriver browser = env.chromium().newSession(language);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(env.portal().authorizationRequest().url());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("social-dap"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dap-qr-image")));
        String qrPage = browser.getCurrentUrl();

        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.id("dap-cancel")).click();
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));

        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(language.substring(0, 2));
        assertThat(browser.findElements(By.cssSelector(".kc-feedback-text, .pf-m-danger"))).as("no message").isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("megtagadva")
                .doesNotContainIgnoringCase("denied");
        // The cancelled QR page, as the Back button loads it again, is over, in the portal's words.
        browser.get(qrPage);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), SESSION_EXPIRED.get(language)));
    }
}
