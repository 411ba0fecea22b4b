package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a customer reaches in login (code, chooser, DÁP), registration and forgotten password, in both locales: no "???", no raw
 * message key (ours, or a camelCase Keycloak key), the page in the asked language, a language switch, and
 * labels tied to their inputs.
 */
@ExtendWith(UgyfelportalExtension.class)
class PageWordsIT {

    private static final Path LOGIN_MESSAGES = Path.of("..", "theme", "src", "main", "resources", "theme",
            "ugyfelportal", "login", "messages", "messages_hu.properties");
    /** How Keycloak's own keys look (doForgotPassword, expiredActionMessage); no Hungarian or English word does. */
    private static final Pattern CAMEL_CASE_KEY = Pattern.compile("[a-z]+(?:[A-Z][a-z0-9]*)+");

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void noPageShowsAMissingMessage(String language, TestEnvironment env) throws IOException {
        Map<String, Page> pages = reachablePages(env, language);
        Set<String> ourKeys = ourMessageKeys();

        assertThat(pages).hasSizeGreaterThanOrEqualTo(19);
        pages.forEach((name, page) -> {
            String words = visibleWords(page);
            assertThat(words).as("%s (%s) has no missing message", name, language).doesNotContain("???");
            List<String> rawKeys = new ArrayList<>();
            for (String token : words.split("[\\s,;:!?()„”\"«»]+")) {
                String word = token.replaceAll("\\.$", "");
                if (ourKeys.contains(word) || (CAMEL_CASE_KEY.matcher(word).matches() && !word.contains("@"))) {
                    rawKeys.add(word);
                }
            }
            // A name for screen readers that is one lower-case word is a key Keycloak found no text for.
            page.document().select("[aria-label]").stream().map(element -> element.attr("aria-label"))
                    .filter(label -> label.matches("[a-z][A-Za-z0-9.]*")).forEach(rawKeys::add);
            assertThat(rawKeys).as("%s (%s) shows raw message keys", name, language).isEmpty();
            assertThat(page.document().select("html").attr("lang")).as("%s language", name).isEqualTo(language);
            assertThat(page.has("#login-select-toggle")).as("%s has the language switch", name).isTrue();
            // Buttons, and Keycloak's read-only "signing in as" box (kc-attempted-username), are not fields to label.
            for (Element input : page.document().select("input:not([type=hidden]):not([type=submit]):not([type=button]):not([readonly])")) {
                assertThat(page.document().select("label[for=" + input.id() + "]"))
                        .as("%s: label for input %s", name, input.id()).isNotEmpty();
            }
        });
    }

    /** Each page in the customer's order, the browser asking for the given language. */
    private static Map<String, Page> reachablePages(TestEnvironment env, String language) {
        Map<String, Page> pages = new LinkedHashMap<>();
        Map<String, String> locale = Map.of("ui_locales", language);
        String provisioned = AdminApi.uniqueEmail("words-new");
        env.admin().createUser(provisioned, null, AdminApi.oneClientNumber());
        String registered = AdminApi.uniqueEmail("words-old");
        env.admin().createUser(registered, "Regi-jelszo-1", AdminApi.oneClientNumber());

        Browser browser = env.newBrowser().acceptLanguage(language);
        pages.put("login", browser.open(env.portal().authorizationRequest(locale).url()));
        Page forgot = PasswordLinkSteps.forgotPasswordPage(env, browser, locale);
        pages.put("forgotten password", forgot);
        Page empty = PasswordLinkSteps.submitEmail(browser, forgot, PasswordLinkSteps.RESET_FORM, "");
        pages.put("forgotten password, empty e-mail", empty);
        pages.put("forgotten password, unknown e-mail", PasswordLinkSteps.submitEmail(browser, empty,
                PasswordLinkSteps.RESET_FORM, AdminApi.uniqueEmail("nobody")));

        Browser registering = env.newBrowser().acceptLanguage(language);
        Page login = registering.open(env.portal().authorizationRequest(locale).url());
        Page registration = registering.open(login.document().selectFirst("#ugyfelportal-registration-link").absUrl("href"));
        pages.put("registration", registration);
        Page unknown = PasswordLinkSteps.submitEmail(registering, registration,
                PasswordLinkSteps.REGISTRATION_FORM, AdminApi.uniqueEmail("nobody"));
        pages.put("registration, unknown e-mail", unknown);
        Page alreadyRegistered = PasswordLinkSteps.submitEmail(registering, unknown,
                PasswordLinkSteps.REGISTRATION_FORM, registered);
        pages.put("registration, already registered", alreadyRegistered);
        int before = env.mail().mailsFor(provisioned).size();
        pages.put("link sent", PasswordLinkSteps.submitEmail(registering, alreadyRegistered,
                PasswordLinkSteps.REGISTRATION_FORM, provisioned));
        ReceivedMail linkMail = LoginJourney.awaitMail(env, provisioned, before);
        assertThat(linkMail.subject()).as("registration mail in %s", language)
                .isEqualTo(language.equals("hu") ? "Ügyfélportál – regisztráció" : "Customer Portal – registration");
        String link = PasswordLinkSteps.linkFrom(linkMail);

        Browser customer = env.newBrowser().acceptLanguage(language);
        Page confirm = customer.open(link);
        pages.put("link confirmation", confirm);
        int mailsBeforeCode = env.mail().mailsFor(provisioned).size();
        Page codePage = customer.submit(confirm, PasswordLinkSteps.CONFIRM_FORM, Map.of());
        pages.put("e-mailed code after the link", codePage);
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, provisioned, mailsBeforeCode));
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        pages.put("wrong code", customer.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", wrongCode)));
        Page passwordPage = customer.submit(pages.get("wrong code"), LoginJourney.CODE_FORM, Map.of("code", code));
        pages.put("set password", passwordPage);
        pages.put("set password, refused", PasswordLinkSteps.setPassword(customer, passwordPage, "rovid"));
        pages.put("password set", PasswordLinkSteps.setPassword(customer, pages.get("set password, refused"),
                "Elso-jelszo-2024"));
        pages.put("used link", env.newBrowser().acceptLanguage(language).open(link));

        String chooserPassword = "Valaszto-jelszo-1";
        String twoNumbers = AdminApi.uniqueEmail("words-chooser");
        env.admin().createUser(twoNumbers, chooserPassword, Map.of("ugyfelszam", List.of(
                "73000001 | MAGANSZEMELY | Teszt Ügyfél", "73000002 | CEG | Teszt Kft.")));
        Browser choosing = env.newBrowser().acceptLanguage(language);
        pages.put("client-number chooser", LoginJourney.passwordAndCode(env, choosing,
                choosing.open(env.portal().authorizationRequest(locale).url()), twoNumbers, chooserPassword));
        String noNumber = AdminApi.uniqueEmail("words-none");
        env.admin().createUser(noNumber, chooserPassword, Map.of());
        Browser without = env.newBrowser().acceptLanguage(language);
        pages.put("no client number", LoginJourney.passwordAndCode(env, without,
                without.open(env.portal().authorizationRequest(locale).url()), noNumber, chooserPassword));
        Browser dap = env.newBrowser().acceptLanguage(language);
        Page dapLogin = dap.open(env.portal().authorizationRequest(locale).url());
        pages.put("DÁP QR code", dap.open(dapLogin.document().selectFirst("#social-dap").absUrl("href")));

        Browser other = env.newBrowser().acceptLanguage(language);
        pages.put("logout confirmation", other.open(env.keycloak().baseUrl() + "/realms/" + env.realm()
                + "/protocol/openid-connect/logout?ui_locales=" + language));
        pages.put("error page", other.open(env.portal().authorizationRequest(locale).url()
                .replaceFirst("redirect_uri=[^&]+", "redirect_uri=https%3A%2F%2Fevil.example%2F")));
        return pages;
    }

    /** The text a customer sees or hears: page text, plus placeholders, labels for screen readers and titles. */
    private static String visibleWords(Page page) {
        String attributes = page.document().select("[placeholder],[aria-label],[title]").stream()
                .map(element -> element.attr("placeholder") + " " + element.attr("aria-label") + " " + element.attr("title"))
                .collect(Collectors.joining(" "));
        return page.document().title() + " " + page.text() + " " + attributes;
    }

    private static Set<String> ourMessageKeys() throws IOException {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(LOGIN_MESSAGES, StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        // Keys that are plain words ("password") are not told apart from the words themselves.
        return messages.stringPropertyNames().stream()
                .filter(key -> key.contains(".") || CAMEL_CASE_KEY.matcher(key).matches())
                .collect(Collectors.toSet());
    }
}
