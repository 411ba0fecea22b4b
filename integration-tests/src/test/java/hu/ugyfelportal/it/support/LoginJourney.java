package hu.ugyfelportal.it.support;

import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.jsoup.nodes.Element;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's steps through the login pages, shared by every journey test: password, then (when the
 * realm's flow shows it) the e-mailed code read from the real SMTP server.
 */
public final class LoginJourney {

    /** The e-mail code page's form; its code field is named {@code code}. */
    public static final String CODE_FORM = "#kc-email-code-form";
    /** The client-number chooser's form; each offered number is a button {@code clientNumber} with the number as value. */
    public static final String CHOOSER_FORM = "#kc-client-number-form";
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(20);
    /** The code is the first run of 4 to 12 digits in the mail's text (the phone number has shorter runs). */
    private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{4,12})(?!\\d)");
    /** The single-use link of a registration or forgotten-password mail. */
    private static final Pattern LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\?\\S+");

    private LoginJourney() {
    }

    /** In a real browser on the login page: types username and password, then the e-mailed code, as a customer does. */
    public static void passwordAndCodeInBrowser(TestEnvironment env, WebDriver browser, String email, String password) {
        WebDriverWait wait = new WebDriverWait(browser, MAIL_TIMEOUT);
        int mailsBefore = env.mail().mailsFor(email).size();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")))
                .sendKeys(codeFrom(awaitMail(env, email, mailsBefore)));
        // The caller waits for what comes next (chooser, portal, DÁP): the code page is gone by then.
        Chromium.leavePage(browser, () -> browser.findElement(By.id("kc-login")).click());
    }

    /** In a real browser after the code: clicks the first client number when the chooser comes, else does nothing. */
    public static void chooseFirstClientNumberInBrowserIfAsked(WebDriver browser) {
        new WebDriverWait(browser, MAIL_TIMEOUT).until(driver -> !driver.getCurrentUrl().contains("/login-actions/")
                || !driver.findElements(By.id("kc-client-number-form")).isEmpty());
        browser.findElements(By.cssSelector(CHOOSER_FORM + " button[name=clientNumber]")).stream().findFirst()
                .ifPresent(button -> Chromium.leavePage(browser, button::click));
    }

    /** Submits username and password on the login page; returns the page that follows. */
    public static Page submitPassword(Browser browser, Page loginPage, String email, String password) {
        return browser.submit(loginPage, "#kc-form-login", Map.of("username", email, "password", password));
    }

    /**
     * Password, then the e-mailed code if the code page comes: returns the page after the last step (the chooser,
     * an error page, or the redirect to the portal).
     */
    public static Page passwordAndCode(TestEnvironment env, Browser browser, Page loginPage, String email,
                                       String password) {
        int mailsBefore = env.mail().mailsFor(email).size();
        Page afterPassword = submitPassword(browser, loginPage, email, password);
        if (!afterPassword.has(CODE_FORM)) {
            return afterPassword;
        }
        String code = codeFrom(awaitMail(env, email, mailsBefore));
        return browser.submit(afterPassword, CODE_FORM, Map.of("code", code));
    }

    /** Picks the given client number on the chooser page. */
    public static Page chooseClientNumber(Browser browser, Page chooser, String number) {
        return browser.submit(chooser, CHOOSER_FORM, Map.of("clientNumber", number));
    }

    /** When the chooser page is shown, picks the first client number it offers; otherwise returns the page as it is. */
    public static Page chooseFirstClientNumberIfAsked(Browser browser, Page page) {
        if (!page.has(CHOOSER_FORM)) {
            return page;
        }
        Element first = page.document().selectFirst(CHOOSER_FORM + " button[name=clientNumber]");
        if (first == null) {
            throw new AssertionError("The chooser offers no client number: " + page);
        }
        return chooseClientNumber(browser, page, first.attr("value"));
    }

    /** A code of the realm's length that is not the mailed one, as a customer's typo would be. */
    public static String wrongCodeFor(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    public static ReceivedMail awaitMail(TestEnvironment env, String email, int mailsBefore) {
        return env.mail().awaitMail(email, mailsBefore, MAIL_TIMEOUT)
                .orElseThrow(() -> new AssertionError("No mail to " + email + " within " + MAIL_TIMEOUT));
    }

    public static String codeFrom(ReceivedMail mail) {
        Matcher matcher = CODE.matcher(mail.textBody());
        if (!matcher.find()) {
            throw new AssertionError("No code in the mail:\n" + mail.textBody());
        }
        return matcher.group(1);
    }

    public static String linkFrom(ReceivedMail mail) {
        Matcher matcher = LINK.matcher(mail.textBody());
        if (!matcher.find()) {
            throw new AssertionError("No link in the mail:\n" + mail.textBody());
        }
        return matcher.group();
    }
}
