package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** The login page in a real browser, where its JavaScript runs. */
@ExtendWith(UgyfelportalExtension.class)
class LoginPageInBrowserIT {

    @Test
    void eyeButtonShowsAndHidesThePassword(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());
        WebElement password = browser.findElement(By.id("password"));
        password.sendKeys("Titkos-jelszo-1");
        WebElement eye = browser.findElement(By.id("password-show-password"));

        eye.click();
        assertThat(password.getDomAttribute("type")).isEqualTo("text");
        eye.click();
        assertThat(password.getDomAttribute("type")).isEqualTo("password");
    }

    @Test
    void loginButtonSaysKeremAKodot(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());

        assertThat(browser.findElement(By.id("kc-login")).getText()).isEqualTo("Kérem a kódot");
        assertThat(browser.getTitle()).contains("Ügyfélportál");
    }
}
