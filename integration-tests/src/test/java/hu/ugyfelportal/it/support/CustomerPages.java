package hu.ugyfelportal.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a customer can meet, reached in a real Chromium the way the customer reaches it (typing and clicking,
 * codes and links from the real mails, the simulator as the phone), in one language. Each page is handed to a
 * {@link Check} as it stands in the browser, before the walk goes on; a check may resize the viewport but must leave
 * the page as it found it.
 *
 * <p>Keycloak's account console is not on the walk: it is Keycloak's own React application, not our theme.
 */
public final class CustomerPages {

    /** What is done with each page the walk reaches. */
    @FunctionalInterface
    public interface Check {
        /** @param page a short name of the page and its state, e.g. {@code email-code-wrong-code} */
        void check(String page, Chromium chromium);
    }

    private static final String PASSWORD = "Oldalak-jelszo-1";
    private static final String NEW_PASSWORD = "Uj-oldalak-jelszo-2";
    /** Never linked by any test: approving with it is a DÁP login of nobody we know. */
    private static final String UNLINKED_IDENTITY = "szabo-peter";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final TestEnvironment env;
    private final Chromium chromium;
    private final String acceptLanguage;
    private final String language;
    private final Check check;
    private final WebDriver browser;
    private final WebDriverWait wait;

    private CustomerPages(TestEnvironment env, String acceptLanguage, Check check) {
        this.env = env;
        this.chromium = env.chromium();
        this.acceptLanguage = acceptLanguage;
        this.language = acceptLanguage.substring(0, 2);
        this.check = check;
        this.browser = chromium.newSession(acceptLanguage);
        this.wait = new WebDriverWait(browser, PATIENCE);
    }

    /** Walks every page with a browser asking for the given languages ({@link Chromium#HUNGARIAN} or ENGLISH). */
    public static void walk(TestEnvironment env, String acceptLanguage, Check check) {
        CustomerPages walk = new CustomerPages(env, acceptLanguage, check);
        walk.passwordCodeAndChooser();
        walk.errorPages();
        walk.dap();
        walk.registration();
        walk.forgottenPassword();
    }

    /** Login, its errors, the code page, the chooser; then, logged in, the re-authentication and the logout. */
    private void passwordCodeAndChooser() {
        String email = AdminApi.uniqueEmail("oldalak");
        env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam",
                List.of("74000001 | MAGANSZEMELY | Teszt Ügyfél", "74000002 | CEG | Teszt Kft.")));
        newSession();
        browser.get(env.portal().authorizationRequest().url());
        show("login", By.id("username"));

        type("username", email);
        type("password", "Nem-ez-a-jelszo-1");
        submit("kc-login", By.id("input-error-username"));
        show("login-wrong-password", By.id("input-error-username"));

        int mailsBefore = env.mail().mailsFor(email).size();
        type("username", email);
        type("password", PASSWORD);
        submit("kc-login", By.id("code"));
        show("email-code", By.id("code"));
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore));

        type("code", LoginJourney.wrongCodeFor(code));
        submit("kc-login", By.id("email-code-error"));
        show("email-code-wrong-code", By.id("email-code-error"));

        type("code", code);
        submit("kc-login", By.id("kc-client-number-form"));
        show("client-number-chooser", By.id("kc-client-number-form"));
        browser.findElement(By.id("client-number-74000001")).click();
        wait.until(ExpectedConditions.urlContains(env.portalUrl()));

        // prompt=login on a live session: Keycloak knows the customer and asks for the password only.
        browser.get(env.portal().authorizationRequest(Map.of("prompt", "login")).url());
        show("login-reauthentication", By.id("password"));

        browser.get(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/protocol/openid-connect/logout");
        show("logout-confirm", By.id("kc-logout"));
        submit("kc-logout", By.id("kc-page-title"));
        show("logout-done", By.id("kc-page-title"));
    }

    /**
     * The pages that end a login: no client number, the code step misconfigured. (No e-mail address cannot happen to
     * a customer, whose username is the e-mail; its page is the same error page.)
     */
    private void errorPages() {
        String noNumber = AdminApi.uniqueEmail("oldalak-ugyfelszam-nelkul");
        env.admin().createUser(noNumber, PASSWORD, Map.of());
        newSession();
        browser.get(env.portal().authorizationRequest().url());
        passwordAndCode(noNumber);
        show("error-no-client-number", By.id("kc-error-message"));

        try (CodeStepClient misconfigured = CodeStepClient.create(env, Map.of("codeLength", "3"))) {
            String email = AdminApi.uniqueEmail("oldalak-beallitas");
            env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
            newSession();
            browser.get(misconfigured.portal().authorizationRequest().url());
            type("username", email);
            type("password", PASSWORD);
            submit("kc-login", By.id("kc-error-message"));
            show("error-unavailable", By.id("kc-error-message"));
        }
    }

    /** The QR page for login and for linking, its answers, and the pages around linking. */
    private void dap() {
        newSession();
        browser.get(env.portal().authorizationRequest().url());
        submit("social-dap", By.id("dap-qr-image"));
        show("dap-qr", By.id("dap-qr-image"));

        awaitNewPageAfter(() -> env.dap().decline(qrContent()), By.id("dap-qr-image"));
        show("dap-qr-declined", By.id("dap-qr-image"));

        awaitNewPageAfter(() -> env.dap().approve(qrContent(), UNLINKED_IDENTITY), By.id("kc-page-title"));
        assertThat(browser.findElements(By.id("dap-qr-image"))).as("no QR after an unknown identity").isEmpty();
        show("dap-unknown-identity", By.id("kc-page-title"));

        String privatePerson = AdminApi.uniqueEmail("oldalak-dap");
        env.admin().createUser(privatePerson, PASSWORD, AdminApi.oneClientNumber());
        startLinking(privatePerson);
        show("dap-link-confirm", By.id("kc-continue"));
        submit("kc-continue", By.id("dap-qr-image"));
        show("dap-qr-linking", By.id("dap-qr-image"));

        String company = AdminApi.uniqueEmail("oldalak-dap-ceg");
        env.admin().createUser(company, PASSWORD, Map.of("ugyfelszam", List.of("74000003 | CEG | Teszt Kft.")));
        startLinking(company);
        submit("kc-continue", By.id("kc-page-title"));
        assertThat(browser.findElements(By.id("dap-qr-image"))).as("no QR for a company").isEmpty();
        show("dap-not-eligible", By.id("kc-page-title"));

        dapNotConfigured();
    }

    /** "Bejelentkezés DÁP-pal" while the realm's DÁP provider trusts no PID issuer yet (a realm just imported). */
    private void dapNotConfigured() {
        try {
            env.admin().withIdentityProviderSetting("dap", "dapTrustedIssuerCaCertificates", "", () -> {
                newSession();
                browser.get(env.portal().authorizationRequest().url());
                submit("social-dap", By.id("kc-page-title"));
                assertThat(browser.findElements(By.id("dap-qr-image"))).as("no QR without a trusted issuer").isEmpty();
                show("dap-not-configured", By.id("kc-page-title"));
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registration from the login page to the used link, with each answer on the way. */
    private void registration() {
        String provisioned = AdminApi.uniqueEmail("oldalak-uj");
        env.admin().createUser(provisioned, null, AdminApi.oneClientNumber());
        String registered = AdminApi.uniqueEmail("oldalak-regi");
        env.admin().createUser(registered, PASSWORD, AdminApi.oneClientNumber());
        newSession();
        browser.get(env.portal().authorizationRequest().url());
        submit("ugyfelportal-registration-link", By.id("kc-registration-form"));
        show("registration", By.id("kc-registration-form"));

        type("email", AdminApi.uniqueEmail("senki"));
        submit("kc-send", By.id("ugyfelportal-link-answer"));
        show("registration-unknown-email", By.id("ugyfelportal-link-answer"));
        type("email", registered);
        submit("kc-send", By.id("ugyfelportal-link-answer"));
        show("registration-already-registered", By.id("ugyfelportal-link-answer"));

        int mailsBefore = env.mail().mailsFor(provisioned).size();
        type("email", provisioned);
        submit("kc-send", By.id("ugyfelportal-link-sent"));
        show("link-sent", By.id("ugyfelportal-link-sent"));
        String link = LoginJourney.linkFrom(LoginJourney.awaitMail(env, provisioned, mailsBefore));

        newSession();
        browser.get(link);
        show("link-confirm", By.id("kc-link-confirm-form"));
        mailsBefore = env.mail().mailsFor(provisioned).size();
        submit("kc-request-code", By.id("code"));
        show("email-code-registration", By.id("code"));
        type("code", LoginJourney.codeFrom(LoginJourney.awaitMail(env, provisioned, mailsBefore)));
        submit("kc-login", By.id("kc-passwd-update-form"));
        show("set-password", By.id("kc-passwd-update-form"));

        type("password-new", "rovid");
        type("password-confirm", "rovid");
        submit("kc-submit", By.id("kc-passwd-update-form"));
        show("set-password-refused", By.id("kc-passwd-update-form"));
        type("password-new", NEW_PASSWORD);
        type("password-confirm", NEW_PASSWORD);
        submit("kc-submit", By.id("kc-page-title"));
        show("password-set", By.id("kc-page-title"));

        newSession();
        browser.get(link);
        show("link-used", By.id("kc-page-title"));
    }

    private void forgottenPassword() {
        newSession();
        browser.get(env.portal().authorizationRequest().url());
        submit("ugyfelportal-forgot-password-link", By.id("kc-reset-password-form"));
        show("forgotten-password", By.id("kc-reset-password-form"));
        type("email", AdminApi.uniqueEmail("senki"));
        submit("kc-send", By.id("ugyfelportal-link-answer"));
        show("forgotten-password-unknown-email", By.id("ugyfelportal-link-answer"));
    }

    /** Logs in with password and code for DÁP linking (kc_action=idp_link:dap): Keycloak's confirmation comes next. */
    private void startLinking(String email) {
        newSession();
        browser.get(env.portal().authorizationRequest(Map.of("kc_action", "idp_link:dap")).url());
        passwordAndCode(email);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-continue")));
    }

    private void passwordAndCode(String email) {
        int mailsBefore = env.mail().mailsFor(email).size();
        type("username", email);
        type("password", PASSWORD);
        submit("kc-login", By.id("code"));
        type("code", LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, mailsBefore)));
        submit("kc-login", By.id("kc-page-title"));
    }

    private String qrContent() {
        return DapPhone.scan(browser.findElement(By.id("dap-qr-image")).getDomAttribute("src"));
    }

    private void newSession() {
        chromium.newSession(acceptLanguage);
    }

    private void type(String fieldId, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(fieldId)));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element and waits for the next page (a new document) to show the element it is known by. */
    private void submit(String elementId, By nextPage) {
        WebElement target = wait.until(ExpectedConditions.elementToBeClickable(By.id(elementId)));
        awaitNewPageAfter(target::click, nextPage);
    }

    private void awaitNewPageAfter(Runnable action, By nextPage) {
        Chromium.awaitNextPage(browser, action, nextPage);
    }

    /** The page is there, in the walk's language: hand it to the check. */
    private void show(String name, By knownBy) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(knownBy));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).as("%s language", name)
                .isEqualTo(language);
        check.check(name, chromium);
    }
}
