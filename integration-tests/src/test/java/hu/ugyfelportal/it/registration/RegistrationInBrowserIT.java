package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration page in a real Chromium, used with the keyboard only. */
@ExtendWith(UgyfelportalExtension.class)
class RegistrationInBrowserIT {

    private static final int MAX_TABS = 20;

    @Test
    void keyboardAloneReachesRegistrationAndHearsTheAnswer(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());

        tabTo(browser, "ugyfelportal-registration-link").sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("Regisztráció");
        WebElement email = browser.switchTo().activeElement();
        assertThat(email.getDomAttribute("id")).as("the e-mail field has the focus").isEqualTo("email");
        email.sendKeys("nincs.ilyen@example.hu", Keys.ENTER);

        WebElement answer = browser.findElement(By.id("ugyfelportal-link-answer"));
        assertThat(answer.getDomAttribute("role")).isEqualTo("alert");
        assertThat(answer.getText()).contains("Kérjük ellenőrizze, hogy a szerződéséhez tartozó e-mail címet helyesen adta-e meg.");
    }

    /** Presses Tab until the element with the id has the focus. */
    private static WebElement tabTo(WebDriver browser, String id) {
        for (int i = 0; i < MAX_TABS; i++) {
            WebElement focused = browser.switchTo().activeElement();
            if (id.equals(focused.getDomAttribute("id"))) {
                return focused;
            }
            focused.sendKeys(Keys.TAB);
        }
        String focusedId = (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id");
        throw new AssertionError("#" + id + " not reached with " + MAX_TABS + " tabs; focus on #" + focusedId);
    }
}
