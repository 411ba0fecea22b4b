package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small things a customer sees, in a real Chromium in both locales: the login page says once that the username is
 * the e-mail address, its DÁP button never breaks „DÁP-pal” at the hyphen on a phone (320 px here), a registration with
 * something that is no e-mail address is told so, the set-password page's instruction is no warning, and the local
 * run's QR page names the simulator's address.
 */
@ExtendWith(UgyfelportalExtension.class)
class PageDetailsInBrowserIT {

    private static final String PASSWORD = "Reszletek-jelszo-1";
    private static final Map<String, String> USERNAME_IS_EMAIL = Map.of("hu", "szerződésében szereplő e-mail cím",
            "en", "e-mail address in your contract");
    private static final Map<String, String> NOT_AN_EMAIL = Map.of("hu", "Ez nem e-mail cím.",
            "en", "This is not an e-mail address.");
    private static final Map<String, String> INSTRUCTION = Map.of(
            "hu", "Kérjük, adja meg új jelszavát kétszer, majd kattintson a Küldés gombra.",
            "en", "Please enter your new password twice, then press Send.");

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void theLoginPageSaysOnceThatTheUsernameIsTheEmailAddress(String acceptLanguage, TestEnvironment env) {
        WebDriver browser = env.chromium().newSession(acceptLanguage);
        browser.get(env.portal().authorizationRequest().url());
        String text = awaitVisible(browser, By.id("username")).findElement(By.xpath("/html/body")).getText();

        assertThat(text.split(USERNAME_IS_EMAIL.get(language(acceptLanguage)), -1)).hasSize(2);
        assertThat(text).doesNotContain("megadott e-mail címe").doesNotContain("given in your contract");
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void onAPhoneTheDapButtonKeepsEachWordWhole(String acceptLanguage, TestEnvironment env) {
        WebDriver browser = env.chromium().newSession(acceptLanguage);
        try {
            env.chromium().phoneViewport(320, 640);
            browser.get(env.portal().authorizationRequest().url());
            WebElement button = awaitVisible(browser, By.id("social-dap"));

            // Each word of the label on one line (its text lies in one line box), and a word with a hyphen may not
            // break there at any width (a narrower phone or a larger font): its element keeps it whole.
            Object brokenWords = ((JavascriptExecutor) browser).executeScript("""
                    const label = arguments[0];
                    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
                    const broken = [];
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                      for (const match of node.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                        const breakable = match[0].includes('-')
                            && getComputedStyle(node.parentElement).whiteSpace !== 'nowrap';
                        if (tops.size > 1 || breakable) broken.push(match[0]);
                      }
                    }
                    return broken.join(' ');""", button);
            assertThat(brokenWords).isEqualTo("");
            assertThat(button.getText()).isEqualTo(language(acceptLanguage).equals("hu") ? "Bejelentkezés DÁP-pal"
                    : "Log in with DÁP");
        } finally {
            env.chromium().desktopViewport();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void aRegistrationWithSomethingThatIsNoEmailAddressIsToldSo(String acceptLanguage, TestEnvironment env) {
        WebDriver browser = env.chromium().newSession(acceptLanguage);
        browser.get(env.portal().authorizationRequest().url());
        clickForNextPage(browser, awaitVisible(browser, By.id("ugyfelportal-registration-link")), By.id("email"));

        browser.findElement(By.id("email")).sendKeys("kovacs.janos-example.hu");
        clickForNextPage(browser, browser.findElement(By.id("kc-send")), By.id("email"));

        assertThat(browser.findElement(By.id("kc-registration-form")).getText())
                .contains(NOT_AN_EMAIL.get(language(acceptLanguage)));
        assertThat(browser.findElements(By.id("ugyfelportal-link-answer"))).as("no answer about an account").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void theSetPasswordPagesInstructionIsAPlainLineNotAWarning(String acceptLanguage, TestEnvironment env) {
        String email = AdminApi.uniqueEmail("reszletek");
        env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        WebDriver browser = env.chromium().newSession(acceptLanguage);
        browser.get(env.portal().authorizationRequest().url());
        clickForNextPage(browser, awaitVisible(browser, By.id("ugyfelportal-forgot-password-link")), By.id("email"));
        int mailsBefore = env.mail().mailsFor(email).size();
        browser.findElement(By.id("email")).sendKeys(email);
        clickForNextPage(browser, browser.findElement(By.id("kc-send")), By.id("ugyfelportal-link-sent"));
        String link = LoginJourney.linkFrom(LoginJourney.awaitMail(env, email, mailsBefore));

        browser.get(link);
        mailsBefore = env.mail().mailsFor(email).size();
        clickForNextPage(browser, awaitVisible(browser, By.id("kc-request-code")), By.id("code"));
        browser.findElement(By.id("code")).sendKeys(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore)));
        clickForNextPage(browser, browser.findElement(By.id("kc-login")), By.id("kc-passwd-update-form"));

        assertThat(browser.findElements(By.cssSelector(".pf-m-warning"))).as("no warning box").isEmpty();
        assertThat(browser.findElement(By.id("ugyfelportal-password-instruction")).getText())
                .isEqualTo(INSTRUCTION.get(language(acceptLanguage)));
    }

    /**
     * A second forgotten-password request inside the cool-down is told, with the seconds left, in words that fit an
     * address without an account too: with the enumeration-safe setting an unknown address gets the same page.
     */
    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void aRequestInsideTheCooldownIsToldWhenItMayBeAskedAgain(String acceptLanguage, TestEnvironment env) throws Exception {
        String known = AdminApi.uniqueEmail("reszletek-varakozas");
        env.admin().createUser(known, PASSWORD, AdminApi.oneClientNumber());
        String unknown = AdminApi.uniqueEmail("reszletek-senki");
        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false)) {
            WebDriver browser = env.chromium().newSession(acceptLanguage);
            for (String email : List.of(known, unknown)) {
                requestResetLink(browser, env, email);
                assertThat(browser.findElements(By.id("ugyfelportal-link-wait"))).as("first request").isEmpty();
            }
            Map<String, String> waits = new LinkedHashMap<>();
            for (String email : List.of(known, unknown)) {
                requestResetLink(browser, env, email);
                waits.put(email, browser.findElement(By.id("ugyfelportal-link-wait")).getText());
            }

            String pattern = language(acceptLanguage).equals("hu") ? ".*kérjen újat (\\d+) másodperc múlva\\."
                    : ".*ask for a new one in (\\d+) seconds\\.";
            assertThat(waits.get(known)).matches(pattern);
            int secondsLeft = Integer.parseInt(waits.get(known).replaceAll(pattern, "$1"));
            assertThat(secondsLeft).isBetween(1, 60);
            assertThat(waits.get(unknown).replace(unknown, "X").replaceAll("\\d+", "N"))
                    .isEqualTo(waits.get(known).replace(known, "X").replaceAll("\\d+", "N"));
        }
    }

    private static void requestResetLink(WebDriver browser, TestEnvironment env, String email) {
        browser.manage().deleteAllCookies();
        browser.get(env.portal().authorizationRequest().url());
        clickForNextPage(browser, awaitVisible(browser, By.id("ugyfelportal-forgot-password-link")), By.id("email"));
        browser.findElement(By.id("email")).sendKeys(email);
        clickForNextPage(browser, browser.findElement(By.id("kc-send")), By.id("ugyfelportal-link-sent"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Chromium.HUNGARIAN, Chromium.ENGLISH})
    void theLocalRunsQrPageNamesTheSimulatorsAddress(String acceptLanguage, TestEnvironment env) throws Exception {
        // A local run's QR holds the simulator's address, and only then does the page explain it.
        env.admin().withIdentityProviderSetting("dap", "dapQrScheme", env.dap().walletUrl(), () -> {
            WebDriver browser = env.chromium().newSession(acceptLanguage);
            browser.get(env.portal().authorizationRequest().url());
            clickForNextPage(browser, awaitVisible(browser, By.id("social-dap")), By.id("dap-qr-content"));

            assertThat(browser.findElement(By.tagName("body")).getText()).contains(language(acceptLanguage).equals("hu")
                    ? "a DÁP szimulátor címét" : "the DÁP simulator's address");
        });
    }

    private static WebElement awaitVisible(WebDriver browser, By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /** Clicks and waits for the next page (a new document) to show the element it is known by. */
    private static void clickForNextPage(WebDriver browser, WebElement target, By nextPage) {
        WebElement page = browser.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
        awaitVisible(browser, nextPage);
    }

    private static String language(String acceptLanguage) {
        return acceptLanguage.substring(0, 2);
    }
}
