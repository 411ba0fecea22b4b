package hu.ugyfelportal.it;

import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DÁP QR page in a real browser: it waits on one held status request (no polling) and notices the phone's answer
 * by itself, with no reload by hand, well within the two seconds the page used to poll at.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapQrPageInBrowserIT {

    private static final String DECLINED = "A bejelentkezést a DÁP alkalmazásban elutasította.";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Duration FAST = Duration.ofMillis(1500);

    @Test
    void thePageWaitsOnOneHeldRequestAndMovesOnByItselfAsSoonAsThePhoneHasAnswered(TestEnvironment env)
            throws InterruptedException {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());
        browser.findElement(By.id("social-dap")).click();
        String qr = DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));

        Thread.sleep(3000);
        // Resource timing lists finished requests only: a page that polled would have some by now.
        Object finished = ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource')"
                + ".filter(function (entry) { return entry.name.indexOf('/endpoint/status') >= 0; }).length;");
        assertThat(finished).as("status requests finished while the phone had not answered").isEqualTo(0L);

        env.dap().decline(qr);
        Instant answered = Instant.now();
        Instant deadline = answered.plus(PATIENCE);
        while (!browser.getPageSource().contains(DECLINED) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Duration took = Duration.between(answered, Instant.now());

        System.out.printf("DÁP QR page in Chromium showed the phone's answer %d ms after it was given%n", took.toMillis());
        assertThat(browser.getPageSource()).contains(DECLINED);
        assertThat(took).isLessThan(FAST);
        assertThat(DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"))).isNotEqualTo(qr);
    }
}
