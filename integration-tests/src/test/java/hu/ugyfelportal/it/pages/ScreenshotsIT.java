package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Screenshots of every page a customer meets, in a real headless Chromium, in Hungarian and English, at desktop
 * and phone width: the login with its errors, the code page, the chooser, the demo portal, the error pages, the DÁP
 * QR, linking and failure pages, Keycloak's logout pages, registration and forgotten password. Into
 * {@code <screenshots.dir>/<locale>/NN-page-<width>.png}. Runs only when asked: {@code scripts/screenshots.sh}.
 */
@ExtendWith(UgyfelportalExtension.class)
@EnabledIfSystemProperty(named = "screenshots.dir", matches = ".+")
class ScreenshotsIT {

    private static final List<Dimension> WIDTHS = List.of(new Dimension(1280, 1000), new Dimension(390, 1000));
    private static final String PASSWORD = "Kepek-jelszo-1";
    /** A simulator identity no customer links: DÁP refuses it. */
    private static final String UNLINKED_IDENTITY = "kelemen-reka";

    private TestEnvironment env;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path dir;
    private String acceptLanguage;

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void everyPageAtDesktopAndPhoneWidth(String locale, TestEnvironment env) throws IOException {
        this.env = env;
        this.dir = Files.createDirectories(Path.of(System.getProperty("screenshots.dir"), locale));
        this.acceptLanguage = locale.equals("hu") ? "hu-HU,hu" : locale;
        this.browser = env.chromium().newSession(acceptLanguage);
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        String twoNumbers = customer("kepek-ketszam", Map.of("ugyfelszam",
                List.of("83000001 | MAGANSZEMELY | Kép Elek", "83000002 | CEG | Kép és Társa Kft.")));
        String noNumber = customer("kepek-nincs", Map.of());
        String company = customer("kepek-ceg", Map.of("ugyfelszam", List.of("83000003 | CEG | Kép Építő Kft.")));

        loginAndPortal(twoNumbers);
        noClientNumber(noNumber);
        dapLoginRefused();
        dapLinking(twoNumbers);
        dapLinkNotEligible(company);
        keycloakLogout(twoNumbers);
        registrationAndForgottenPassword();
    }

    /** From the demo portal: login, wrong password, code, wrong code, chooser, the portal, its logout. */
    private void loginAndPortal(String email) throws IOException {
        browser.get(env.demoPortal().url() + "/");
        shoot("01-portal-start", By.id("portal-login"));
        clickAway(By.id("portal-login"));
        shoot("02-login", By.id("username"));
        submitPassword(email, "Rossz-jelszo-1");
        shoot("03-login-wrong-password", By.id("username"));
        int mailsBefore = env.mail().mailsFor(email).size();
        submitPassword(email, PASSWORD);
        shoot("04-email-code", By.id("code"));
        submitCode("000000");
        shoot("05-email-code-wrong", By.id("code"));
        submitCode(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore)));
        shoot("06-chooser", By.id("kc-client-number-form"));
        clickAway(By.id("client-number-83000002"));
        shoot("07-portal", By.id("portal-client-number"));
        profil();
        clickAway(By.id("portal-logout"));
        shoot("08-portal-logged-out", By.id("portal-logged-out"));
    }

    /** The account console from the portal's Profil link: personal data, Bejelentkezés, DÁP összekötés. */
    private void profil() throws IOException {
        clickAway(By.id("portal-profile"));
        shoot("28-profil", By.id("lastName"));
        String account = env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account";
        browser.get(account + "/account-security/signing-in");
        shoot("29-profil-signing-in", By.id("basic-authentication-categ-title"));
        browser.get(account + "/account-security/linked-accounts");
        shoot("30-profil-dap", By.id("dap-idp-link"));
        browser.get(env.demoPortal().url() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("portal-client-number")));
    }

    private void noClientNumber(String email) throws IOException {
        newSessionAt(env.portal().authorizationRequest().url());
        passwordAndCode(email);
        shoot("09-no-client-number", By.tagName("body"));
    }

    private void dapLoginRefused() throws IOException {
        newSessionAt(env.portal().authorizationRequest().url());
        clickAway(By.id("social-dap"));
        shoot("10-dap-qr", By.id("dap-qr-image"));
        env.dap().approve(DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src")),
                UNLINKED_IDENTITY);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("dap-qr-image")));
        shoot("11-dap-login-failed", By.tagName("body"));
    }

    /** kc_action=idp_link:dap after password, code and chooser: Keycloak's confirmation, then the linking QR. */
    private void dapLinking(String email) throws IOException {
        newSessionAt(env.portal().authorizationRequest(Map.of("kc_action", "idp_link:dap")).url());
        passwordAndCode(email);
        clickAway(By.id("client-number-83000001"));
        shoot("12-dap-link-confirm", By.cssSelector("form[action*=login-actions] [type=submit]"));
        clickAway(By.cssSelector("form[action*=login-actions] [type=submit]"));
        shoot("13-dap-link-qr", By.id("dap-qr-image"));
    }

    private void dapLinkNotEligible(String email) throws IOException {
        newSessionAt(env.portal().authorizationRequest(Map.of("kc_action", "idp_link:dap")).url());
        passwordAndCode(email);
        if (!browser.findElements(By.cssSelector("form[action*=login-actions] [type=submit]")).isEmpty()) {
            clickAway(By.cssSelector("form[action*=login-actions] [type=submit]"));
        }
        shoot("14-dap-link-not-eligible", By.tagName("body"));
    }

    /** Keycloak's own logout (no ID token): the confirmation, then the logged-out page. */
    private void keycloakLogout(String email) throws IOException {
        newSessionAt(env.portal().authorizationRequest().url());
        passwordAndCode(email);
        clickAway(By.id("client-number-83000001"));
        wait.until(ExpectedConditions.urlContains(env.portalUrl()));
        browser.get(env.keycloak().baseUrl() + "/realms/" + env.realm()
                + "/protocol/openid-connect/logout?client_id=ugyfelportal-portal");
        shoot("15-logout-confirm", By.id("kc-logout"));
        clickAway(By.id("kc-logout"));
        shoot("16-logged-out", By.tagName("body"));
    }

    private void registrationAndForgottenPassword() throws IOException {
        String provisioned = AdminApi.uniqueEmail("kepek-uj");
        env.admin().createUser(provisioned, null, AdminApi.oneClientNumber());
        newSessionAt(env.portal().authorizationRequest().url());
        clickAway(By.id("ugyfelportal-registration-link"));
        shoot("17-registration", By.id("email"));
        sendEmail("nincs.ilyen@example.hu");
        shoot("18-registration-unknown-email", By.id("ugyfelportal-link-answer"));
        browser.findElement(By.id("email")).clear();
        int mailsBefore = env.mail().mailsFor(provisioned).size();
        sendEmail(provisioned);
        shoot("19-link-sent", By.id("ugyfelportal-link-sent"));
        String link = LoginJourney.linkFrom(LoginJourney.awaitMail(env, provisioned, mailsBefore));

        newSessionAt(env.portal().authorizationRequest().url());
        clickAway(By.id("ugyfelportal-forgot-password-link"));
        shoot("20-forgotten-password", By.id("email"));
        sendEmail("nincs.ilyen@example.hu");
        shoot("21-forgotten-password-unknown-email", By.id("ugyfelportal-link-answer"));

        // The link as a mail reader opens it: in another browser.
        newSessionAt(link);
        shoot("22-link-confirm", By.id("kc-request-code"));
        mailsBefore = env.mail().mailsFor(provisioned).size();
        clickAway(By.id("kc-request-code"));
        shoot("23-link-email-code", By.id("code"));
        submitCode(LoginJourney.codeFrom(LoginJourney.awaitMail(env, provisioned, mailsBefore)));
        shoot("24-set-password", By.id("password-new"));
        browser.findElement(By.id("password-new")).sendKeys("rovid");
        browser.findElement(By.id("password-confirm")).sendKeys("rovid");
        clickAway(By.id("kc-submit"));
        shoot("25-set-password-refused", By.id("password-new"));
        browser.findElement(By.id("password-new")).sendKeys("Elso-jelszo-2024");
        browser.findElement(By.id("password-confirm")).sendKeys("Elso-jelszo-2024");
        clickAway(By.id("kc-submit"));
        shoot("26-password-set", By.tagName("body"));

        newSessionAt(link);
        shoot("27-link-used", By.tagName("body"));
    }

    private String customer(String prefix, Map<String, List<String>> attributes) {
        String email = AdminApi.uniqueEmail(prefix);
        env.admin().createUser(email, PASSWORD, attributes);
        return email;
    }

    /** A browser of its own, set to the run's language as a customer's browser would be. */
    private void newSessionAt(String url) {
        env.chromium().newSession(acceptLanguage).get(url);
    }

    private void submitPassword(String email, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        clickAway(By.id("kc-login"));
    }

    private void submitCode(String code) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code"))).clear();
        browser.findElement(By.id("code")).sendKeys(code);
        clickAway(By.cssSelector(LoginJourney.CODE_FORM + " [type=submit]"));
    }

    private void passwordAndCode(String email) {
        int mailsBefore = env.mail().mailsFor(email).size();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        submitPassword(email, PASSWORD);
        submitCode(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore)));
    }

    private void sendEmail(String email) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email"))).sendKeys(email);
        clickAway(By.id("kc-send"));
    }

    /** Clicks and waits until the browser has left the page, so the next wait looks at the next page. */
    private void clickAway(By target) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(target));
        element.click();
        wait.until(ExpectedConditions.stalenessOf(element));
    }

    /** Waits for what the page must show, then takes it at each width; the window goes back to desktop width. */
    private void shoot(String name, By awaited) throws IOException {
        wait.until(ExpectedConditions.presenceOfElementLocated(awaited));
        for (Dimension size : WIDTHS) {
            browser.manage().window().setSize(size);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + "-" + size.getWidth() + ".png"), png);
        }
        browser.manage().window().setSize(WIDTHS.get(0));
    }
}
