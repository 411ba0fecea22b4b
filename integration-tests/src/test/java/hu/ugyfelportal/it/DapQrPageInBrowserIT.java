package hu.ugyfelportal.it;

import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The DÁP QR page in a real browser: it notices the phone's answer by itself, with no reload by hand. */
@ExtendWith(UgyfelportalExtension.class)
class DapQrPageInBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void thePageMovesOnByItselfOnceThePhoneHasAnswered(TestEnvironment env) throws InterruptedException {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());
        browser.findElement(By.id("social-dap")).click();
        String qr = DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));

        env.dap().decline(qr);

        Instant deadline = Instant.now().plus(PATIENCE);
        while (!browser.getPageSource().contains("A bejelentkezést a DÁP alkalmazásban elutasította.")
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(browser.getPageSource()).contains("A bejelentkezést a DÁP alkalmazásban elutasította.");
        assertThat(DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"))).isNotEqualTo(qr);
    }
}
