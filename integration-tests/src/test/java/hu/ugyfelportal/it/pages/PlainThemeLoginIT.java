package hu.ugyfelportal.it.pages;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.PortalMessages;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.jsoup.Jsoup;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our steps under Keycloak's own themes, as an operator with a corporate theme gets them: the realm's login theme
 * switched to {@code keycloak.v2} and its e-mail theme to {@code keycloak} (through the Admin API, put back after
 * each test), a customer walks the login in a real Chromium. The code page, its mail, the chooser and the DÁP QR page
 * come from the SPI jar's theme-resources with their words and layout; Keycloak draws the pages around them.
 * Under the ugyfelportal theme, which lists the steps' layout in its styles, a step links it once, in the head.
 */
@ExtendWith(UgyfelportalExtension.class)
class PlainThemeLoginIT {

    private static final Map<String, Object> KEYCLOAKS_OWN_THEMES = Map.of("loginTheme", "keycloak.v2",
            "emailTheme", "keycloak");
    /** The demo customer with two client numbers, as imported from realm-config/demo (password from the README). */
    private static final String DEMO_CUSTOMER = "kovacs.janos@example.hu";
    private static final String DEMO_PASSWORD = "Demo-jelszo-1";
    private static final String PASSWORD = "Sima-tema-jelszo-1";
    /** Never linked by any test: approving with it is a DÁP login of nobody we know. */
    private static final String UNLINKED_IDENTITY = "szabo-peter";
    /** Linked only while its test runs (as in the other tests that use it). */
    private static final String LINKED_IDENTITY = "kelemen-reka";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void aDemoCustomerLogsInWithPasswordTheMailedCodeAndTheChooser(String language, TestEnvironment env)
            throws Exception {
        env.admin().withRealmSettings(KEYCLOAKS_OWN_THEMES, () -> {
            Properties words = PortalMessages.steps(language);
            WebDriver browser = env.chromium().newSession(acceptLanguage(language));
            WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
            PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
            browser.get(request.url());
            int mailsBefore = env.mail().mailsFor(DEMO_CUSTOMER).size();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(DEMO_CUSTOMER);
            browser.findElement(By.id("password")).sendKeys(DEMO_PASSWORD);
            browser.findElement(By.id("kc-login")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
            assertOurStepUnderKeycloaksTheme(browser, language, "e-mailed code");
            assertShows(browser, words, Map.of("kc-page-title", "emailCode.title"));
            assertThat(browser.findElement(By.cssSelector("label[for=code]")).getText())
                    .isEqualTo(words.getProperty("emailCode.codeLabel"));
            assertThat(browser.findElement(By.id("email-code-notice")).getText())
                    .isEqualTo(format(words, "emailCode.sent", language, DEMO_CUSTOMER));
            assertThat(browser.findElement(By.id("email-code-help")).getText())
                    .contains(words.getProperty("emailCode.help.title"), words.getProperty("emailCode.help.spam"));
            assertThat(style(browser, "#email-code-help", "marginTop")).as("the steps' layout").isNotEqualTo("0px");

            ReceivedMail mail = LoginJourney.awaitMail(env, DEMO_CUSTOMER, mailsBefore);
            String code = LoginJourney.codeFrom(mail);
            assertThat(mail.subject()).isEqualTo(words.getProperty("emailCode.mail.subject"));
            assertThat(mail.textBody()).contains(words.getProperty("emailCode.mail.greeting"),
                    words.getProperty("emailCode.mail.intro") + " " + code, words.getProperty("emailCode.mail.notYou"));
            // Keycloak's own e-mail layout around our HTML mail.
            assertThat(Jsoup.parse(mail.htmlBody()).selectFirst("html").attr("lang")).isEqualTo(language);
            assertThat(Jsoup.parse(mail.htmlBody()).text()).contains(words.getProperty("emailCode.mail.greeting"), code)
                    .doesNotContain("???");

            browser.findElement(By.id("code")).sendKeys(code);
            browser.findElement(By.id("kc-login")).click();

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-client-number-form")));
            assertOurStepUnderKeycloaksTheme(browser, language, "client-number chooser");
            assertShows(browser, words, Map.of("kc-page-title", "clientNumber.title",
                    "client-number-intro", "clientNumber.intro",
                    "client-number-relogin", "clientNumber.anotherNeedsNewLogin"));
            WebElement company = browser.findElement(By.id("client-number-20000001"));
            assertThat(company.getText()).contains("Kovács és Társa Kft.",
                    words.getProperty("clientNumber.numberLabel") + " 20000001", words.getProperty("clientType.CEG"));
            WebElement privatePerson = browser.findElement(By.id("client-number-10000001"));
            assertThat(privatePerson.getText())
                    .contains("Kovács János", words.getProperty("clientType.MAGANSZEMELY"));
            assertThat(style(browser, ".ugyfelportal-client-numbers", "display")).as("the steps' layout")
                    .isEqualTo("grid");
            privatePerson.click();

            wait.until(ExpectedConditions.urlContains(env.portalUrl()));
            assertThat(env.portal().exchange(request, portalRedirect(browser)).idTokenClaims())
                    .containsEntry("email", DEMO_CUSTOMER).containsEntry("client_number", "10000001");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void theQrPageAnswersADapIdentityNobodyLinkedInOurWords(String language, TestEnvironment env) throws Exception {
        env.admin().withRealmSettings(KEYCLOAKS_OWN_THEMES, () -> {
            Properties words = PortalMessages.steps(language);
            WebDriver browser = env.chromium().newSession(acceptLanguage(language));
            browser.get(env.portal().authorizationRequest().url());
            String qr = openQrPage(browser, "dap.qrTitle", words, language);

            assertThat(env.dap().approve(qr, UNLINKED_IDENTITY).verifierStatus()).isEqualTo(200);

            // The page's script (inline in our template) moves on by itself once the phone has answered.
            new WebDriverWait(browser, PATIENCE).until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("kc-error-message")));
            assertThat(browser.findElement(By.id("kc-error-message")).getText())
                    .contains(words.getProperty("dap.loginFailed"));
            assertNoMissingWords(browser, language, "DÁP login failed");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void aCustomerLinksDapAndThenLogsInWithIt(String language, TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("sima-tema-dap");
        String userId = env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        try {
            env.admin().withRealmSettings(KEYCLOAKS_OWN_THEMES, () -> {
                Properties words = PortalMessages.steps(language);
                WebDriver browser = env.chromium().newSession(acceptLanguage(language));
                WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
                browser.get(env.portal().authorizationRequest(Map.of("kc_action", "idp_link:dap")).url());
                LoginJourney.passwordAndCodeInBrowser(env, browser, email, PASSWORD);
                // Keycloak's own confirmation of the link, then our QR page in its linking words.
                wait.until(ExpectedConditions.elementToBeClickable(By.id("kc-continue"))).click();
                String linkQr = openedQrPage(browser, "dap.linkTitle", words, language);
                assertThat(env.dap().approve(linkQr, LINKED_IDENTITY).verifierStatus()).isEqualTo(200);
                wait.until(ExpectedConditions.urlContains(env.portalUrl()));

                browser = env.chromium().newSession(acceptLanguage(language));
                PortalClient.AuthorizationRequest login = env.portal().authorizationRequest();
                browser.get(login.url());
                String loginQr = openQrPage(browser, "dap.qrTitle", words, language);
                assertThat(env.dap().approve(loginQr, LINKED_IDENTITY).verifierStatus()).isEqualTo(200);
                wait.until(ExpectedConditions.urlContains(env.portalUrl()));
                assertThat(env.portal().exchange(login, portalRedirect(browser)).idTokenClaims())
                        .containsEntry("email", email);
            });
        } finally {
            env.admin().call("DELETE", "/users/" + userId + "/federated-identity/dap", null);
        }
    }

    /** The other way round: the ugyfelportal theme lists the steps' layout in its styles, so a step links it once. */
    @Test
    void underTheUgyfelportalThemeAStepGetsItsLayoutOnceInTheHead(TestEnvironment env) {
        String email = AdminApi.uniqueEmail("sima-tema-sajat");
        env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        Page codePage = LoginJourney.submitPassword(browser,
                browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);
        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("the code page: %s", codePage).isTrue();

        Elements stepsLayout = codePage.document().select("link[rel=stylesheet][href$='/css/ugyfelportal-steps.css']");
        assertThat(stepsLayout).hasSize(1);
        assertThat(stepsLayout.first().parents()).contains(codePage.document().head());
        String href = stepsLayout.first().absUrl("href");
        assertThat(href).contains("/login/ugyfelportal/css/");
        assertThat(browser.open(href).status()).as("served from the SPI jar under the theme's path").isEqualTo(200);
    }

    /** From Keycloak's own login page, "log in with DÁP": our QR page, checked; returns the QR's content. */
    private static String openQrPage(WebDriver browser, String titleKey, Properties words, String language) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(By.id("social-dap")))
                .click();
        return openedQrPage(browser, titleKey, words, language);
    }

    /** The QR page in its words and layout, with a QR image a phone can read; returns the QR's content. */
    private static String openedQrPage(WebDriver browser, String titleKey, Properties words, String language) {
        WebElement image = new WebDriverWait(browser, PATIENCE).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("dap-qr-image")));
        assertOurStepUnderKeycloaksTheme(browser, language, "DÁP QR code");
        assertShows(browser, words, Map.of("kc-page-title", titleKey, "dap-instruction", "dap.qrInstruction",
                "dap-waiting", "dap.waiting", "dap-continue", "dap.continue", "dap-cancel", "dap.cancel"));
        assertThat(image.getDomAttribute("alt")).isEqualTo(words.getProperty("dap.qrAlt"));
        assertThat(style(browser, "#dap-qr", "display")).as("the steps' layout").isEqualTo("flex");
        // A desktop scans the code; the "open in the DÁP app" box is for a phone's touch screen only.
        assertThat(browser.findElement(By.className("ugyfelportal-dap-same-device")).isDisplayed()).isFalse();
        String qr = DapPhone.scan(image.getDomAttribute("src"));
        assertThat(qr).startsWith("openid4vp://");
        return qr;
    }

    /**
     * The page is one of our steps drawn by Keycloak's keycloak.v2 (its stylesheets, none of the ugyfelportal
     * theme's), in the asked language, with our layout linked from the SPI jar and no missing word.
     */
    private static void assertOurStepUnderKeycloaksTheme(WebDriver browser, String language, String page) {
        @SuppressWarnings("unchecked")
        List<String> styles = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('link[rel=stylesheet]'), link => link.href);");
        assertThat(styles).as("%s: stylesheets", page)
                .anyMatch(href -> href.contains("/login/keycloak.v2/css/styles.css"))
                .anyMatch(href -> href.endsWith("/login/keycloak.v2/css/ugyfelportal-steps.css"))
                .noneMatch(href -> href.contains("/login/ugyfelportal/"));
        assertNoMissingWords(browser, language, page);
    }

    /** In the asked language; no "???" and no raw message key in the text or in what screen readers read. */
    private static void assertNoMissingWords(WebDriver browser, String language, String page) {
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).as("%s language", page)
                .isEqualTo(language);
        String words = (String) ((JavascriptExecutor) browser).executeScript(
                "return document.title + ' ' + document.body.innerText + ' ' + Array.from("
                        + "document.querySelectorAll('[alt],[aria-label],[placeholder],[title]'), element => "
                        + "['alt', 'aria-label', 'placeholder', 'title'].map(name => element.getAttribute(name) || '')"
                        + ".join(' ')).join(' ');");
        assertThat(words).as("%s has no missing message", page).doesNotContain("???");
        assertThat(PortalMessages.rawKeysIn(words)).as("%s shows raw message keys", page).isEmpty();
    }

    /** Each element (by id) shows exactly the words of its message key. */
    private static void assertShows(WebDriver browser, Properties words, Map<String, String> keysById) {
        keysById.forEach((id, key) -> assertThat(browser.findElement(By.id(id)).getText()).as("#%s", id)
                .isEqualTo(words.getProperty(key)));
    }

    private static String style(WebDriver browser, String selector, String property) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];", selector, property);
    }

    private static String format(Properties words, String key, String language, Object... arguments) {
        return new MessageFormat(words.getProperty(key), Locale.forLanguageTag(language)).format(arguments);
    }

    private static Page portalRedirect(WebDriver browser) {
        URI redirect = URI.create(browser.getCurrentUrl());
        return new Page(redirect, 200, "", Jsoup.parse(""), redirect);
    }

    private static String acceptLanguage(String language) {
        return language.equals("hu") ? Chromium.HUNGARIAN : Chromium.ENGLISH;
    }
}
