package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.Keyboard;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration page in a real Chromium, used with the keyboard only. */
@ExtendWith(UgyfelportalExtension.class)
class RegistrationInBrowserIT {

    @Test
    void keyboardAloneReachesRegistrationAndHearsTheAnswer(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());

        Keyboard keyboard = new Keyboard(browser);
        keyboard.tabTo("ugyfelportal-registration-link");
        Chromium.awaitNextPage(browser, () -> keyboard.press(Keys.ENTER), By.id("email"));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo("Regisztráció");
        WebElement email = browser.switchTo().activeElement();
        assertThat(email.getDomAttribute("id")).as("the e-mail field has the focus").isEqualTo("email");

        WebElement answer = Chromium.awaitNextPage(browser, () -> email.sendKeys("nincs.ilyen@example.hu", Keys.ENTER),
                By.id("ugyfelportal-link-answer"));
        assertThat(answer.getDomAttribute("role")).isEqualTo("alert");
        assertThat(answer.getText()).contains("Kérjük ellenőrizze, hogy a szerződéséhez tartozó e-mail címet helyesen adta-e meg.");
    }
}
