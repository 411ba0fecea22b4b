package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screenshots of the registration and forgotten-password pages in a real headless Chromium, at desktop and phone
 * width, for the docs (docs/screenshots). Runs only when asked: {@code scripts/screenshots.sh}.
 */
@ExtendWith(UgyfelportalExtension.class)
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class RegistrationScreenshotsIT {

    private static final List<Dimension> WIDTHS = List.of(new Dimension(1280, 1000), new Dimension(360, 1000));

    @Test
    void everyPageAtDesktopAndPhoneWidth(TestEnvironment env) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("screenshots.dir")));
        String provisioned = AdminApi.uniqueEmail("kepek");
        env.admin().createUser(provisioned, null, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession();

        browser.get(env.portal().authorizationRequest().url());
        shoot(browser, dir, "01-login");
        browser.findElement(By.id("ugyfelportal-registration-link")).click();
        shoot(browser, dir, "02-registration");
        browser.findElement(By.id("email")).sendKeys("nincs.ilyen@example.hu");
        browser.findElement(By.id("kc-send")).click();
        assertThat(browser.findElement(By.id("ugyfelportal-link-answer")).getText()).contains("Kérjük ellenőrizze");
        shoot(browser, dir, "03-registration-unknown-email");
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(provisioned);
        browser.findElement(By.id("kc-send")).click();
        assertThat(browser.findElement(By.id("ugyfelportal-link-sent")).getText()).contains(provisioned);
        shoot(browser, dir, "04-link-sent");

        browser.get(env.portal().authorizationRequest().url());
        browser.findElement(By.id("ugyfelportal-forgot-password-link")).click();
        shoot(browser, dir, "05-forgotten-password");
        browser.findElement(By.id("email")).sendKeys("nincs.ilyen@example.hu");
        browser.findElement(By.id("kc-send")).click();
        assertThat(browser.findElement(By.id("ugyfelportal-link-answer")).getText())
                .contains("Sikertelen jelszó visszaállítási folyamat");
        shoot(browser, dir, "06-forgotten-password-unknown-email");

        String link = PasswordLinkSteps.linkFrom(env.mail().mailsFor(provisioned).get(0));
        env.chromium().newSession();
        int mailsBefore = env.mail().mailsFor(provisioned).size();
        browser.get(link);
        shoot(browser, dir, "07-link-confirm");
        browser.findElement(By.id("kc-request-code")).click();
        shoot(browser, dir, "08-email-code");
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, provisioned, mailsBefore));
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.cssSelector(LoginJourney.CODE_FORM + " [type=submit]")).click();
        shoot(browser, dir, "09-set-password");
        browser.findElement(By.id("password-new")).sendKeys("Elso-jelszo-2024");
        browser.findElement(By.id("password-confirm")).sendKeys("Elso-jelszo-2024");
        browser.findElement(By.id("kc-submit")).click();
        shoot(browser, dir, "10-password-set");

        env.chromium().newSession().get(link);
        assertThat(browser.getPageSource()).contains("Regisztrációs hiba!");
        shoot(browser, dir, "11-link-used");
    }

    /** The page as it is now, at each width; the window goes back to desktop width afterwards. */
    private static void shoot(WebDriver browser, Path dir, String name) throws IOException {
        for (Dimension size : WIDTHS) {
            browser.manage().window().setSize(size);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + "-" + size.getWidth() + ".png"), png);
        }
        browser.manage().window().setSize(WIDTHS.get(0));
    }
}
