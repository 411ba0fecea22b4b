package hu.ugyfelportal.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver, installed by scripts/test.sh) for pages whose
 * JavaScript matters. Started on first use and kept for the run; {@link #newSession()} forgets all cookies.
 */
public final class Chromium implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** What a Hungarian customer's browser asks for; headless Chromium ignores --lang for Accept-Language. */
    public static final String HUNGARIAN = "hu-HU,hu";
    public static final String ENGLISH = "en-GB,en";
    /** How long a browser test waits for a page: generous, for a machine busy with other builds. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static Chromium start() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run scripts/test.sh, which installs Debian's chromium and chromium-driver.");
        }
        try {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM)
                    // This machine has no network beyond loopback: Chromium's own background traffic stays off.
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--window-size=1280,900", "--lang=hu",
                            "--user-data-dir=" + Files.createTempDirectory("ugyfelportal-chromium"));
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", HUNGARIAN));
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser with no cookies left from earlier tests, a Hungarian customer's. */
    public WebDriver newSession() {
        return newSession(HUNGARIAN);
    }

    /** The browser with no cookies left, asking for pages in the given languages (an Accept-Language value). */
    public WebDriver newSession(String acceptLanguage) {
        // Leave the last page first: a navigation it still had under way (a viewport switch can reload a page, which
        // re-posts its form) would otherwise reach Keycloak after the cookies are gone, or land after our next get.
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", acceptLanguage)));
        desktopViewport();
        return driver;
    }

    /** Lays the page out as a phone of the given width (CSS pixels) shows it: mobile viewport, touch screen's scale. */
    public void phoneViewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    /** Back to the window's own desktop size. */
    public void desktopViewport() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * Runs a step that navigates (a click, an Enter) and waits until the browser has left the page it was on, so
     * the next look is at the next page and not at the old one: Selenium returns from a key or a click at once.
     */
    public static void leavePage(WebDriver browser, Runnable navigation) {
        WebElement page = browser.findElement(By.tagName("html"));
        navigation.run();
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.stalenessOf(page));
    }

    /** As {@link #leavePage}, then waits until the next page shows the element it is known by. */
    public static WebElement awaitNextPage(WebDriver browser, Runnable navigation, By nextPage) {
        leavePage(browser, navigation);
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(nextPage));
    }

    /** The browser as it is now, on whatever page the last step left it. */
    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
