package hu.ugyfelportal.it.dap;

import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DÁP QR page in a real browser: it listens on one status stream (no polling), notices the phone's answer by
 * itself, shows the next QR in place when one runs out (no navigation), and fits a 360 px phone.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapQrPageInBrowserIT {

    private static final String DECLINED = "A bejelentkezést a DÁP alkalmazásban elutasította.";
    private static final String RENEWED = "A QR kód lejárt. Kérjük, olvassa be az új QR kódot.";
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Faster than the 2 s at which the page used to poll. */
    private static final Duration FAST = Duration.ofMillis(2000);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

    @Test
    void thePageWaitsOnOneOpenStreamAndMovesOnByItselfAsSoonAsThePhoneHasAnswered(TestEnvironment env)
            throws InterruptedException {
        WebDriver browser = openQrPage(env);
        String qr = DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));

        Thread.sleep(3000);
        // Resource timing lists finished requests only: a page that polled would have some by now.
        assertThat(finishedStatusRequests(browser)).as("status requests finished while the phone had not answered")
                .isEqualTo(0L);

        env.dap().decline(qr);
        Instant answered = Instant.now();
        waitUntil(() -> browser.getPageSource().contains(DECLINED));
        Duration took = Duration.between(answered, Instant.now());

        System.out.printf("DÁP QR page in Chromium showed the phone's answer %d ms after it was given%n", took.toMillis());
        assertThat(browser.getPageSource()).contains(DECLINED);
        assertThat(took).isLessThan(FAST);
        assertThat(DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"))).isNotEqualTo(qr);
    }

    @Test
    void aQrThatRunsOutIsReplacedInPlaceWithoutANavigationAndTheNewOneWorks(TestEnvironment env) throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
            WebDriver browser = openQrPage(env);
            JavascriptExecutor script = (JavascriptExecutor) browser;
            String url = browser.getCurrentUrl();
            String oldImage = browser.findElement(By.id("dap-qr-image")).getDomAttribute("src");
            String oldQr = DapPhone.scan(oldImage);
            assertThat(browser.findElement(By.id("dap-open-app")).getDomAttribute("href")).isEqualTo(oldQr);
            assertThat(browser.findElement(By.id("dap-renewed")).isDisplayed()).isFalse();
            // Gone if the page navigated, even to itself.
            script.executeScript("window.dapMarker = 'still the same page';");

            waitUntil(() -> !oldImage.equals(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src")));

            String newQr = DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));
            assertThat(newQr).isNotEqualTo(oldQr);
            assertThat(browser.findElement(By.id("dap-open-app")).getDomAttribute("href")).isEqualTo(newQr);
            assertThat(browser.findElement(By.id("dap-renewed")).getText()).isEqualTo(RENEWED);
            assertThat(script.executeScript("return window.dapMarker;")).isEqualTo("still the same page");
            assertThat(script.executeScript("return performance.getEntriesByType('navigation').length;")).isEqualTo(1L);
            assertThat(browser.getCurrentUrl()).isEqualTo(url);
            assertThat(finishedStatusRequests(browser)).as("the same stream brought the new QR").isEqualTo(0L);

            env.dap().decline(newQr);
            waitUntil(() -> browser.getPageSource().contains(DECLINED));
            assertThat(browser.getPageSource()).contains(DECLINED);
        });
    }

    @Test
    void onA360PxPhoneTheQrIsCentredItsButtonsSpacedAndNothingIsWiderThanTheScreen(TestEnvironment env) {
        WebDriver browser = openQrPage(env);
        try {
            browser.manage().window().setSize(new Dimension(360, 800));
            JavascriptExecutor script = (JavascriptExecutor) browser;
            @SuppressWarnings("unchecked")
            Map<String, Object> layout = (Map<String, Object>) script.executeScript("""
                    var viewport = document.documentElement.clientWidth;
                    var image = document.getElementById('dap-qr-image').getBoundingClientRect();
                    var box = document.getElementById('dap-qr').getBoundingClientRect();
                    var next = document.getElementById('dap-continue').getBoundingClientRect();
                    var cancel = document.getElementById('dap-cancel').getBoundingClientRect();
                    return {viewport: viewport, pageWidth: document.documentElement.scrollWidth,
                            offCentre: Math.abs((image.left + image.right) / 2 - (box.left + box.right) / 2),
                            imageWidth: image.width,
                            gap: Math.max(cancel.top - next.bottom, cancel.left - next.right)};
                    """);
            assertThat(((Number) layout.get("pageWidth")).doubleValue()).as("page width at 360 px: %s", layout)
                    .isLessThanOrEqualTo(((Number) layout.get("viewport")).doubleValue());
            assertThat(((Number) layout.get("offCentre")).doubleValue()).as("QR centred: %s", layout).isLessThan(2);
            assertThat(((Number) layout.get("imageWidth")).doubleValue()).as("QR size: %s", layout).isGreaterThan(200);
            assertThat(((Number) layout.get("gap")).doubleValue()).as("buttons apart: %s", layout).isGreaterThanOrEqualTo(8);
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    void onADesktopThePageDoesNotTalkAboutThisPhone(TestEnvironment env) {
        WebDriver browser = openQrPage(env);

        WebElement sameDevice = browser.findElement(By.id("dap-open-app"));
        assertThat(sameDevice.isDisplayed()).as("same-device button on a desktop").isFalse();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("ezen a telefonon");
        assertThat(browser.findElement(By.id("dap-qr-image")).isDisplayed()).isTrue();
    }

    @Test
    void onAPhoneThePageOffersToOpenTheAppOnTheSameDevice(TestEnvironment env) {
        WebDriver browser = openQrPage(env);
        HasCdp devTools = (HasCdp) browser;
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            devTools.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 1));

            assertThat(browser.findElement(By.id("dap-open-app")).isDisplayed()).as("same-device button on a phone").isTrue();
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Ha ezen a telefonon használja a DÁP alkalmazást");
        } finally {
            devTools.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
            browser.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    void inALocalRunThePageShowsTheSimulatorLinkAsTextThatFollowsEachNewQrAndALatePasteIsToldSo(TestEnvironment env)
            throws Exception {
        env.admin().withIdentityProviderSetting("dap", "dapQrScheme", env.dap().walletUrl(), () ->
                env.admin().withIdentityProviderSetting("dap", "dapRequestLifetimeSeconds", "5", () -> {
                    WebDriver browser = openQrPage(env);
                    WebElement content = browser.findElement(By.id("dap-qr-content"));
                    String oldQr = DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));
                    assertThat(oldQr).startsWith(env.dap().walletUrl());
                    assertThat(env.dap().startPage()).as("the simulator's hint names what the QR holds")
                            .contains(oldQr.substring(0, oldQr.indexOf("client_id=") + "client_id=".length()));
                    assertThat(content.getDomProperty("value")).isEqualTo(oldQr);
                    assertThat(content.getDomAttribute("readonly")).isNotNull();
                    assertThat(browser.findElement(By.id("dap-open-simulator")).getDomAttribute("href")).isEqualTo(oldQr);
                    assertThat(browser.findElement(By.tagName("body")).getText())
                            .contains("Helyi futtatásban a QR kód a DÁP szimulátor címét tartalmazza.");

                    browser.findElement(By.id("dap-copy")).click();
                    waitUntil(() -> !browser.findElement(By.id("dap-copied")).getText().isEmpty());
                    assertThat(browser.findElement(By.id("dap-copied")).getText()).isEqualTo("Kimásolva.");

                    waitUntil(() -> !oldQr.equals(content.getDomProperty("value")));
                    String newQr = content.getDomProperty("value");
                    assertThat(newQr).isNotEqualTo(oldQr)
                            .isEqualTo(DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src")))
                            .isEqualTo(browser.findElement(By.id("dap-open-simulator")).getDomAttribute("href"));

                    assertThat(env.dap().paste(oldQr).text()).as("a late paste of the renewed QR")
                            .contains("This QR code is no longer valid", "paste it again");
                    assertThat(env.dap().paste(newQr).text()).as("the current QR, pasted").contains("asks", "Approve");
                }));
    }

    private static WebDriver openQrPage(TestEnvironment env) {
        WebDriver browser = env.chromium().newSession();
        browser.get(env.portal().authorizationRequest().url());
        browser.findElement(By.id("social-dap")).click();
        assertThat(browser.findElements(By.id("dap-qr-image"))).as("QR page").isNotEmpty();
        return browser;
    }

    private static Object finishedStatusRequests(WebDriver browser) {
        return ((JavascriptExecutor) browser).executeScript("return performance.getEntriesByType('resource')"
                + ".filter(function (entry) { return entry.name.indexOf('/endpoint/status') >= 0; }).length;");
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
