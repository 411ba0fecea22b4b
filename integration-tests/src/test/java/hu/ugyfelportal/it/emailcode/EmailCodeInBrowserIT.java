package hu.ugyfelportal.it.emailcode;

import hu.ugyfelportal.it.support.AdminApi;
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

/** The password + e-mailed code journey in a real browser, clicking what the customer clicks. */
@ExtendWith(UgyfelportalExtension.class)
class EmailCodeInBrowserIT {

    private static final String PASSWORD = "Teszt-jelszo-3";

    @Test
    void customerTypesTheMailedCodeAndReachesThePortal(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("bongeszo");
        env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(env.portal().authorizationRequest().url());

        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email-code-notice")));
        assertThat(browser.findElement(By.id("email-code-notice")).getText()).contains(email);
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("the code field has the focus")
                .isEqualTo("code");
        assertThat(browser.findElement(By.id("kc-email-code-resend")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("email-code-help")).isDisplayed()).isTrue();

        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, 0));
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlContains(env.portalUrl()));
        assertThat(browser.getCurrentUrl()).startsWith(env.portalUrl() + "/callback").contains("code=");
    }
}
