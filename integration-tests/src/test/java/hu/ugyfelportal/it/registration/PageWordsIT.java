package hu.ugyfelportal.it.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.PortalMessages;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page a customer reaches in login (code, chooser, DÁP, linking DÁP, logout), registration and forgotten
 * password, and every mail they get, in both locales: no "???", no raw message key, the page in the asked
 * language, a language switch, labels tied to their inputs; no Keycloak fallback text that contradicts our words;
 * the page's title in our words; the code step in the words of its purpose; the phone number with the FAQ's menu item;
 * the account console's texts.
 */
@ExtendWith(UgyfelportalExtension.class)
class PageWordsIT {

    private static final String PHONE = "+36-1/486-36-00";
    /** The FAQ's menu items, as it gives them: 6 for the login code, 2 then 1 for client numbers and contracts. */
    private static final Map<String, List<String>> PHONE_WITH_MENU = Map.of(
            "hu", List.of(PHONE + "-ás telefonszámon (a menürendszerben a 6-os menüpontot választva)",
                    PHONE + "-ás telefonszámon (a 2-es, majd 1-es menüpontokat választva)"),
            "en", List.of(PHONE + " (choose menu item 6)", PHONE + " (choose menu items 2, then 1)"));

    /**
     * Keycloak's own texts (keycloak-themes 26.7.3, base/login and keycloak.v2) that would show on our pages if we
     * left them, each beside the word we use instead.
     */
    private static final Map<String, List<Pattern>> FORBIDDEN = Map.of(
            "hu", patterns(
                    "Nagyon sajnáljuk",            // errorTitle: ours is „Hiba történt”
                    "«|»",                         // „« Vissza az alkalmazásba”, „» Kattintson ide a folytatáshoz”
                    "\\bElküld\\b",                // doSubmit: the FAQ's button is „Küldés”
                    "\\bMégsem\\b",                // doCancel: ours is „Mégse”
                    "\\bFolytat\\b",               // doContinue: ours is „Tovább”
                    "\\bBelépés\\b",               // doLogIn: the FAQ's button is „Bejelentkezés”
                    "Belépés újrakezdése",         // restartLoginTooltip: ours is „Vissza a bejelentkezés elejére”
                    "Érvénytelen jelszó",          // invalidPassword*: ours follow our list of password rules
                    "Kattintson ide",              // the page-expired text
                    "személyazonosság-kezelő",     // DÁP failures name DÁP
                    "(?i)összekapcsol",            // the FAQ links DÁP with „összeköt”
                    "[Kk]érem,",                   // we write „Kérjük,”
                    "Sikeres kilépés",             // successLogout
                    "Hozzáférés megtagadva",       // access-denied-when-idp-auth: a cancel is no failure
                    "Keycloak"),
            "en", patterns(
                    "We are sorry",
                    "«|»",
                    "(?i)\\bsign[- ]?(in|out)\\b", // we write "log in", "log out" throughout
                    "\\b1 more times\\b",
                    "Code received",
                    "Invalid password",
                    "(?i)click here",
                    "(?i)identity provider",
                    "(?i)Back to application",
                    "(?i)access denied",
                    "Keycloak"));

    private static final Map<String, Journey> JOURNEYS = new ConcurrentHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void noPageShowsAMissingMessage(String language, TestEnvironment env) throws IOException {
        Map<String, Page> pages = journey(env, language).pages();

        assertThat(pages).hasSizeGreaterThanOrEqualTo(30);
        pages.forEach((name, page) -> {
            String words = visibleWords(page);
            assertThat(words).as("%s (%s) has no missing message", name, language).doesNotContain("???");
            List<String> rawKeys = new ArrayList<>(PortalMessages.rawKeysIn(words));
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

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void noPageOrMailShowsAKeycloakFallbackThatContradictsOurWords(String language, TestEnvironment env) {
        Journey journey = journey(env, language);
        Map<String, String> texts = new LinkedHashMap<>();
        journey.pages().forEach((name, page) -> texts.put(name, visibleWords(page)));
        journey.mails().forEach((name, mail) -> texts.put(name + " (mail)", mail.subject() + " " + mail.textBody()));

        texts.forEach((name, text) -> {
            List<String> found = FORBIDDEN.get(language).stream().map(pattern -> pattern.matcher(text))
                    .filter(Matcher::find).map(Matcher::group).toList();
            assertThat(found).as("%s (%s) shows Keycloak's words: %s", name, language, text).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void everyPageIsTitledInOurWords(String language, TestEnvironment env) throws IOException {
        List<Pattern> ourTexts = messages("login", language).values().stream()
                .map(value -> Pattern.compile(Stream.of(String.valueOf(value).replace("''", "'").split("\\{\\d}", -1))
                        .map(Pattern::quote).collect(Collectors.joining(".+"))))
                .toList();

        journey(env, language).pages().forEach((name, page) -> {
            String title = page.document().select("#kc-page-title").text().trim();
            assertThat(ourTexts).as("%s (%s): title „%s” comes from our messages", name, language, title)
                    .anySatisfy(text -> assertThat(text.matcher(title).matches()).isTrue());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void theCodeStepSpeaksOfItsPurposeOnThePageAndInTheMail(String language, TestEnvironment env) throws IOException {
        Journey journey = journey(env, language);
        Properties page = messages("login", language);
        Properties mail = messages("email", language);

        Map<String, String> suffixes = Map.of("login", "", "registration", ".registration", "password reset", ".reset");
        suffixes.forEach((purpose, suffix) -> {
            Page codePage = journey.pages().get("e-mailed code, " + purpose);
            assertThat(codePage.document().select("#kc-page-title").text())
                    .as("%s code page title", purpose).isEqualTo(page.getProperty("emailCode.title" + suffix));
            assertThat(codePage.document().select(LoginJourney.CODE_FORM + " #kc-login").text())
                    .as("%s code page button", purpose).isEqualTo(page.getProperty("emailCode.submit" + suffix));
            assertThat(codePage.document().select("#email-code-help").text())
                    .as("%s code page help", purpose).contains(page.getProperty("emailCode.help.title" + suffix));
            ReceivedMail codeMail = journey.mails().get("code, " + purpose);
            assertThat(codeMail.subject()).as("%s code mail", purpose)
                    .isEqualTo(mail.getProperty("emailCode.mail.subject" + suffix));
            assertThat(codeMail.textBody()).as("%s code mail", purpose)
                    .contains(mail.getProperty("emailCode.mail.intro" + suffix))
                    .contains(mail.getProperty("emailCode.mail.notYou" + suffix));
        });
        // A code only goes out after the right password: someone may know it, so the advice is a new password.
        assertThat(journey.mails().get("code, login").textBody())
                .contains(language.equals("hu") ? "valaki ismerheti az Ön jelszavát" : "someone may know your password");
        // A registrant has no password yet, so no mail of the registration may say it stays unchanged.
        String unchanged = language.equals("hu") ? "jelszava nem változik" : "your password stays unchanged";
        assertThat(journey.mails().get("registration link").textBody()).doesNotContain(unchanged);
        assertThat(journey.mails().get("code, registration").textBody()).doesNotContain(unchanged);
        assertThat(journey.mails().get("password reset link").textBody()).contains(unchanged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void theLogoutSaysItOnceAndLeadsBackToTheLogin(String language, TestEnvironment env) throws IOException {
        Page loggedOut = journey(env, language).pages().get("logged out");
        String done = messages("login", language).getProperty("successLogout");

        assertThat(loggedOut.text().split(Pattern.quote(done), -1)).as("„%s” once: %s", done, loggedOut.text()).hasSize(2);
        Element back = loggedOut.document().selectFirst("#ugyfelportal-back-to-login");
        assertThat(back).as("a way back to the login: %s", loggedOut).isNotNull();
        // The account console, whose script starts with the login (AccountConsoleLinkingInBrowserIT walks that).
        assertThat(back.absUrl("href")).isEqualTo(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/account/");
        assertThat(env.newBrowser().open(back.absUrl("href")).status()).isEqualTo(200);
    }

    /** The account console ("Profil"), as the realm serves its texts to the console's script. */
    @ParameterizedTest
    @ValueSource(strings = {"hu", "en"})
    void theAccountConsoleGetsOurWords(String language, TestEnvironment env) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                env.keycloak().baseUrl() + "/resources/" + env.realm() + "/account/" + language)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> served = new LinkedHashMap<>();
        JsonSerialization.readValue(response.body(), new TypeReference<List<Map<String, String>>>() {
        }).forEach(text -> served.putIfAbsent(text.get("key"), text.get("value")));

        // Our overrides of Keycloak's console texts (keycloak.v3's „összekapcsol”, "sign in", „Kérem,”) reach it.
        messages("account", language).forEach((key, value) ->
                assertThat(served).as("account console (%s)", language).containsEntry((String) key, (String) value));
        assertThat(served.get("linkedAccounts")).isEqualTo(language.equals("hu") ? "DÁP összekötés" : "DÁP link");
    }

    /** Every text of ours that gives the phone number gives the FAQ's menu item with it, word for word. */
    @Test
    void everyPhoneNumberCarriesTheFaqsMenuItem() throws IOException {
        for (String language : List.of("hu", "en")) {
            for (String type : List.of("login", "email")) {
                Properties messages = messages(type, language);
                for (String key : messages.stringPropertyNames()) {
                    String text = messages.getProperty(key);
                    int phones = text.split(Pattern.quote(PHONE), -1).length - 1;
                    long withMenu = PHONE_WITH_MENU.get(language).stream()
                            .mapToLong(phoneWithMenu -> text.split(Pattern.quote(phoneWithMenu), -1).length - 1).sum();
                    assertThat(withMenu).as("%s/%s %s: %s", type, language, key, text).isEqualTo(phones);
                    if (phones > 0 && key.startsWith("emailCode.")) {
                        // The code did not arrive: the FAQ's answer to exactly that is menu item 6.
                        assertThat(text).as("%s %s", language, key).contains(PHONE_WITH_MENU.get(language).get(0));
                    }
                }
            }
        }
    }

    private static Journey journey(TestEnvironment env, String language) {
        return JOURNEYS.computeIfAbsent(language, ignored -> walk(env, language));
    }

    /** Each page in the customer's order, the browser asking for the given language, and the mails they get. */
    private static Journey walk(TestEnvironment env, String language) {
        Map<String, Page> pages = new LinkedHashMap<>();
        Map<String, ReceivedMail> mails = new LinkedHashMap<>();
        Map<String, String> locale = Map.of("ui_locales", language);
        String provisioned = AdminApi.uniqueEmail("words-new");
        env.admin().createUser(provisioned, null, AdminApi.oneClientNumber());
        String registered = AdminApi.uniqueEmail("words-old");
        String password = "Regi-jelszo-1";
        env.admin().createUser(registered, password, AdminApi.oneClientNumber());

        Browser browser = env.newBrowser().acceptLanguage(language);
        Page firstLogin = browser.open(env.portal().authorizationRequest(locale).url());
        pages.put("login", firstLogin);
        int beforeLoginCode = env.mail().mailsFor(registered).size();
        Page loginCode = LoginJourney.submitPassword(browser, firstLogin, registered, password);
        pages.put("e-mailed code, login", loginCode);
        mails.put("code, login", LoginJourney.awaitMail(env, registered, beforeLoginCode));
        // The Back button: the password step's form again, after the flow went on to the code.
        pages.put("page expired", browser.open(firstLogin.document().selectFirst("#kc-form-login").absUrl("action")));

        Browser forgetting = env.newBrowser().acceptLanguage(language);
        Page forgot = PasswordLinkSteps.forgotPasswordPage(env, forgetting, locale);
        pages.put("forgotten password", forgot);
        Page empty = PasswordLinkSteps.submitEmail(forgetting, forgot, PasswordLinkSteps.RESET_FORM, "");
        pages.put("forgotten password, empty e-mail", empty);
        Page unknownReset = PasswordLinkSteps.submitEmail(forgetting, empty, PasswordLinkSteps.RESET_FORM,
                AdminApi.uniqueEmail("nobody"));
        pages.put("forgotten password, unknown e-mail", unknownReset);
        int beforeResetLink = env.mail().mailsFor(registered).size();
        PasswordLinkSteps.submitEmail(forgetting, unknownReset, PasswordLinkSteps.RESET_FORM, registered);
        ReceivedMail resetLink = LoginJourney.awaitMail(env, registered, beforeResetLink);
        mails.put("password reset link", resetLink);
        Browser resetting = env.newBrowser().acceptLanguage(language);
        Page resetConfirm = resetting.open(LoginJourney.linkFrom(resetLink));
        pages.put("link confirmation, password reset", resetConfirm);
        int beforeResetCode = env.mail().mailsFor(registered).size();
        pages.put("e-mailed code, password reset", resetting.submit(resetConfirm, PasswordLinkSteps.CONFIRM_FORM, Map.of()));
        mails.put("code, password reset", LoginJourney.awaitMail(env, registered, beforeResetCode));

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
        mails.put("registration link", linkMail);
        assertThat(linkMail.subject()).as("registration mail in %s", language)
                .isEqualTo(language.equals("hu") ? "Ügyfélportál – regisztráció" : "Customer Portal – registration");
        String link = LoginJourney.linkFrom(linkMail);

        Browser customer = env.newBrowser().acceptLanguage(language);
        Page confirm = customer.open(link);
        pages.put("link confirmation, registration", confirm);
        int mailsBeforeCode = env.mail().mailsFor(provisioned).size();
        Page codePage = customer.submit(confirm, PasswordLinkSteps.CONFIRM_FORM, Map.of());
        pages.put("e-mailed code, registration", codePage);
        ReceivedMail codeMail = LoginJourney.awaitMail(env, provisioned, mailsBeforeCode);
        mails.put("code, registration", codeMail);
        String code = LoginJourney.codeFrom(codeMail);
        String wrongCode = LoginJourney.wrongCodeFor(code);
        pages.put("wrong code", customer.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", wrongCode)));
        Page passwordPage = customer.submit(pages.get("wrong code"), LoginJourney.CODE_FORM, Map.of("code", code));
        pages.put("set password", passwordPage);
        pages.put("set password, refused", PasswordLinkSteps.setPassword(customer, passwordPage, "rovid"));
        pages.put("set password, two different", customer.submit(pages.get("set password, refused"),
                PasswordLinkSteps.PASSWORD_FORM, Map.of("password-new", "Elso-jelszo-2024", "password-confirm", "Masik-jelszo-2024")));
        pages.put("password set", PasswordLinkSteps.setPassword(customer, pages.get("set password, two different"),
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
        Page qr = dap.open(dapLogin.document().selectFirst("#social-dap").absUrl("href"));
        pages.put("DÁP QR code", qr);
        // No test links this simulator identity to any user.
        env.dap().approve(DapPhone.scan(qr), "szabo-peter");
        pages.put("DÁP login failed", dap.open(qr.document().selectFirst("#dap-continue").absUrl("href")));

        // „Mégse” on the QR page: the login page again, without Keycloak's "access denied"; the QR page after it.
        Browser cancelling = env.newBrowser().acceptLanguage(language);
        Page cancelledQr = cancelling.open(cancelling.open(env.portal().authorizationRequest(locale).url())
                .document().selectFirst("#social-dap").absUrl("href"));
        pages.put("login after DÁP cancel", cancelling.open(cancelledQr.document().selectFirst("#dap-cancel").absUrl("href")));
        pages.put("DÁP QR page after cancel", cancelling.open(cancelledQr.uri().toString()));

        String company = AdminApi.uniqueEmail("words-company");
        env.admin().createUser(company, chooserPassword, Map.of("ugyfelszam", List.of("73000003 | CEG | Teszt Kft.")));
        Browser linking = env.newBrowser().acceptLanguage(language);
        Map<String, String> linkingParameters = new LinkedHashMap<>(locale);
        linkingParameters.put("kc_action", "idp_link:dap");
        Page linkConfirm = LoginJourney.passwordAndCode(env, linking,
                linking.open(env.portal().authorizationRequest(linkingParameters).url()), company, chooserPassword);
        pages.put("DÁP linking confirmation", linkConfirm);
        pages.put("DÁP linking, not eligible", linking.submit(linkConfirm, "form[action*=login-actions]",
                Map.of("continue", "")));
        // Linking DÁP when the portal asks for a fresh login: Keycloak asks the logged-in customer to log in again.
        Browser loggedIn = env.newBrowser().acceptLanguage(language);
        Page portal = LoginJourney.passwordAndCode(env, loggedIn,
                loggedIn.open(env.portal().authorizationRequest(locale).url()), registered, password);
        assertThat(portal.isPortalRedirect()).as("logged in: %s", portal).isTrue();
        Map<String, String> relinkParameters = new LinkedHashMap<>(linkingParameters);
        relinkParameters.put("prompt", "login");
        pages.put("re-login before linking DÁP", loggedIn.open(env.portal().authorizationRequest(relinkParameters).url()));

        Browser other = env.newBrowser().acceptLanguage(language);
        Page logoutConfirm = other.open(env.keycloak().baseUrl() + "/realms/" + env.realm()
                + "/protocol/openid-connect/logout?ui_locales=" + language);
        pages.put("logout confirmation", logoutConfirm);
        pages.put("logged out", other.submit(logoutConfirm, "#kc-logout-confirm form", Map.of("confirmLogout", "")));
        pages.put("error page", other.open(env.portal().authorizationRequest(locale).url()
                .replaceFirst("redirect_uri=[^&]+", "redirect_uri=https%3A%2F%2Fevil.example%2F")));
        return new Journey(pages, mails);
    }

    /** The text a customer sees or hears: page text, plus placeholders, labels for screen readers and titles. */
    private static String visibleWords(Page page) {
        String attributes = page.document().select("[placeholder],[aria-label],[title]").stream()
                .map(element -> element.attr("placeholder") + " " + element.attr("aria-label") + " " + element.attr("title"))
                .collect(Collectors.joining(" "));
        return page.document().title() + " " + page.text() + " " + attributes;
    }

    /** What our theme of the given type ({@code login}, {@code email}) shows: the steps' words and its own. */
    private static Properties messages(String type, String language) {
        return PortalMessages.ugyfelportal(type, language);
    }

    private static List<Pattern> patterns(String... regexes) {
        return Stream.of(regexes).map(regex -> Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS)).toList();
    }

    /** What one walk through every page collected; walked once per language and shared by the tests. */
    private record Journey(Map<String, Page> pages, Map<String, ReceivedMail> mails) {
    }
}
