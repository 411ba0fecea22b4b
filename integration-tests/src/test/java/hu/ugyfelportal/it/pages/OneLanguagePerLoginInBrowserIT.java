package hu.ugyfelportal.it.pages;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Chromium;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One language per login (docs/customer-pages.md, "One language per login"): a customer whose stored preference is
 * one language and whose browser asks for the other sees the browser's language on every page and in the mail of
 * that login, and keeps the preference; a pick on the language switch during the login holds for the rest of it and
 * becomes the stored preference. Both orders, in a real Chromium.
 */
@ExtendWith(UgyfelportalExtension.class)
class OneLanguagePerLoginInBrowserIT {

    private static final String PASSWORD = "Egy-nyelv-jelszo-1";
    private static final Map<String, String> CODE_TITLE = Map.of("hu", "Bejelentkezés az Ügyfélportálra",
            "en", "Log in to the Customer Portal");
    private static final Map<String, String> CHOOSER_TITLE = Map.of("hu", "Ügyfél kiválasztása", "en", "Choose a client");
    private static final Map<String, String> MAIL_SUBJECT = Map.of("hu", "Ügyfélportál bejelentkezési kód",
            "en", "Customer Portal login code");

    @ParameterizedTest(name = "stored {0}, browser {1}")
    @CsvSource({"en, hu", "hu, en"})
    void theLoginStaysInTheLanguageItStartedInAndTheStoredPreferenceStays(String stored, String browserLanguage,
                                                                          TestEnvironment env) {
        String email = AdminApi.uniqueEmail("egy-nyelv");
        String userId = customerPreferring(env, email, stored);
        WebDriver browser = env.chromium().newSession(acceptLanguage(browserLanguage));
        browser.get(env.portal().authorizationRequest().url());

        awaitPageIn(browser, browserLanguage, By.id("username"));
        ReceivedMail mail = passwordThenCodePage(env, browser, email, browserLanguage);
        assertThat(mail.subject()).isEqualTo(MAIL_SUBJECT.get(browserLanguage));
        submitCodeThenChooser(env, browser, mail, browserLanguage);

        assertThat(storedLocale(env, userId)).isEqualTo(stored);
    }

    @ParameterizedTest(name = "stored {0}, picked {1}")
    @CsvSource({"hu, en", "en, hu"})
    void aPickDuringTheLoginHoldsForTheRestOfItAndBecomesTheStoredPreference(String stored, String picked,
                                                                            TestEnvironment env) {
        String email = AdminApi.uniqueEmail("nyelvvalasztas");
        String userId = customerPreferring(env, email, stored);
        WebDriver browser = env.chromium().newSession(acceptLanguage(stored));
        browser.get(env.portal().authorizationRequest().url());
        awaitPageIn(browser, stored, By.id("username"));
        ReceivedMail mail = passwordThenCodePage(env, browser, email, stored);

        // On the code page, where the customer is known: the pick wins over the stored preference from here on.
        WebElement page = browser.findElement(By.tagName("html"));
        // Each option's value is the page's address with kc_locale, Keycloak's language switch.
        Select languages = new Select(browser.findElement(By.id("login-select-toggle")));
        languages.selectByValue(languages.getOptions().stream().map(option -> option.getDomAttribute("value"))
                .filter(url -> url.contains("kc_locale=" + picked)).findFirst().orElseThrow());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
        awaitPageIn(browser, picked, By.id("code"));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo(CODE_TITLE.get(picked));
        submitCodeThenChooser(env, browser, mail, picked);

        assertThat(storedLocale(env, userId)).isEqualTo(picked);
    }

    private static String customerPreferring(TestEnvironment env, String email, String locale) {
        return env.admin().createUser(email, PASSWORD, Map.of("locale", List.of(locale), "ugyfelszam",
                List.of("76000001 | MAGANSZEMELY | Teszt Ügyfél", "76000002 | CEG | Teszt Kft.")));
    }

    private static ReceivedMail passwordThenCodePage(TestEnvironment env, WebDriver browser, String email,
                                                     String language) {
        int mailsBefore = env.mail().mailsFor(email).size();
        browser.findElement(By.id("username")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        awaitPageIn(browser, language, By.id("code"));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo(CODE_TITLE.get(language));
        return LoginJourney.awaitMail(env, email, mailsBefore);
    }

    private static void submitCodeThenChooser(TestEnvironment env, WebDriver browser, ReceivedMail mail,
                                              String language) {
        browser.findElement(By.id("code")).sendKeys(LoginJourney.codeFrom(mail));
        browser.findElement(By.id("kc-login")).click();
        awaitPageIn(browser, language, By.id("kc-client-number-form"));
        assertThat(browser.findElement(By.id("kc-page-title")).getText()).isEqualTo(CHOOSER_TITLE.get(language));
        browser.findElement(By.id("client-number-76000001")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(env.portalUrl()));
    }

    private static void awaitPageIn(WebDriver browser, String language, By knownBy) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(knownBy));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(language);
    }

    private static String storedLocale(TestEnvironment env, String userId) {
        Map<String, Object> user = env.admin().get("/users/" + userId, new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, List<String>> attributes = (Map<String, List<String>>) user.get("attributes");
        return attributes.get("locale").get(0);
    }

    private static String acceptLanguage(String language) {
        return language.equals("hu") ? Chromium.HUNGARIAN : Chromium.ENGLISH;
    }
}
