package hu.ugyfelportal.it.emailcode;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.mailcatcher.ReceivedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer's journey through the realm's own browser flow: password, the e-mailed code, the portal. */
@ExtendWith(UgyfelportalExtension.class)
class EmailCodeLoginIT {

    private static final String PASSWORD = "Teszt-jelszo-1";
    /** The FAQ's answer to "no code arrived", word for word (seed/000_f630dae20fd846a0.txt). */
    private static final List<String> FAQ_HELP = List.of(
            "Amennyiben a bejelentkező oldalon a Kérem a kódot gombra kattintva felugrott az értesítés, hogy e-mailt "
                    + "küldtünk az Ön részére, akkor kérjük, hogy először is ellenőrizze levelezőrendszerének Spam "
                    + "mappáját, elképzelhető, hogy levelünk oda érkezett.",
            "Amennyiben a Spam mappába került levelünk, kérjük, állítsa be megbízhatónak a levél feladóját, hogy a "
                    + "jövőben a Beérkezett üzenetei közé kerüljenek leveleink.",
            "Ha a Spam mappába sem érkezett meg az e-mail üzenet, kérjük, hogy jelentkezzen be újra, és kérje ismét "
                    + "a kód kiküldését. Amennyiben továbbra sem érkezett meg az e-mailünk a szükséges kóddal, kérjük, "
                    + "lépjen velünk kapcsolatba a +36-1/486-36-00-ás telefonszámon (a menürendszerben a 6-os "
                    + "menüpontot választva).");

    @Test
    void customerLogsInWithTheCodeFromTheMail(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "kod-belepes", PASSWORD);
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page login = browser.open(request.url());

        Page codePage = LoginJourney.submitPassword(browser, login, customer.email(), PASSWORD);
        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("code page: %s", codePage).isTrue();
        ReceivedMail mail = LoginJourney.awaitMail(env, customer.email(), 0);
        Page done = browser.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", LoginJourney.codeFrom(mail)));

        assertThat(done.isPortalRedirect()).as("redirected to the portal: %s", done).isTrue();
        PortalClient.Tokens tokens = env.portal().exchange(request, done);
        assertThat(tokens.idTokenClaims()).containsEntry("email", customer.email());
        assertThat(env.mail().mailsFor(customer.email())).hasSize(1);
    }

    @Test
    void codePageSaysInHungarianWhatToDo(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "kod-oldal", PASSWORD);
        Browser browser = env.newBrowser();
        Page codePage = LoginJourney.submitPassword(browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);

        assertThat(codePage.document().select("html").attr("lang")).isEqualTo("hu");
        assertThat(codePage.document().select("#email-code-notice").text())
                .contains("elküldtük az Ön e-mail címére").contains(customer.email());
        assertThat(codePage.document().select("#email-code-notice").attr("aria-live")).isEqualTo("polite");
        assertThat(codePage.document().select("label[for=code]").text()).isEqualTo("Kapott kód");
        assertThat(codePage.document().select("input#code").attr("autocomplete")).isEqualTo("one-time-code");
        assertThat(codePage.document().select("#kc-email-code-form #kc-login").text()).isEqualTo("Bejelentkezés");
        assertThat(codePage.document().select("#email-code-validity").text()).isEqualTo("A kód 5 percig érvényes!");
        assertThat(codePage.document().select("#kc-email-code-resend").text()).isEqualTo("Új kód kérése");
        assertThat(codePage.document().select("#kc-email-code-restart").text())
                .isEqualTo("Vissza a bejelentkezés elejére");

        assertThat(codePage.document().select("#email-code-help li").eachText()).isEqualTo(FAQ_HELP);
        assertThat(codePage.document().select("#email-code-help").text())
                .contains("Nem kaptam meg a bejelentkezéshez a szükséges kódot, mit tegyek?");
    }

    @Test
    void mailCarriesTheCodeAndItsLifetimeAndNoLink(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "kod-level", PASSWORD);
        Browser browser = env.newBrowser();
        LoginJourney.submitPassword(browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);

        ReceivedMail mail = LoginJourney.awaitMail(env, customer.email(), 0);
        String code = LoginJourney.codeFrom(mail);
        assertThat(code).matches("\\d{6}");
        assertThat(mail.subject()).isEqualTo("Ügyfélportál bejelentkezési kód").doesNotContain(code);
        assertThat(mail.textBody()).contains(code).contains("A kód 5 percig érvényes!").doesNotContain("http");
        assertThat(mail.htmlBody()).contains(code).contains("A kód 5 percig érvényes!")
                .doesNotContain("href").doesNotContain("http");
    }

    @Test
    void restartLinkLeadsBackToTheLoginPageAndLoggingInAgainSendsANewCode(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "kod-ujra", PASSWORD);
        Browser browser = env.newBrowser();
        Page codePage = LoginJourney.submitPassword(browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);
        String firstCode = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), 0));

        Page login = browser.open(codePage.document().select("#kc-email-code-restart").first().absUrl("href"));
        assertThat(login.has("#kc-form-login")).as("login page: %s", login).isTrue();
        Page again = LoginJourney.submitPassword(browser, login, customer.email(), PASSWORD);
        String secondCode = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), 1));

        assertThat(again.has(LoginJourney.CODE_FORM)).isTrue();
        if (!secondCode.equals(firstCode)) {
            Page refused = browser.submit(again, LoginJourney.CODE_FORM, Map.of("code", firstCode));
            assertThat(refused.document().select("#email-code-error").text()).startsWith("Nem megfelelő kód.");
            again = refused;
        }
        Page done = browser.submit(again, LoginJourney.CODE_FORM, Map.of("code", secondCode));
        assertThat(done.isPortalRedirect()).as("redirected to the portal: %s", done).isTrue();
    }

    @Test
    void englishJourneyAfterChoosingEnglish(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "code-english", PASSWORD);
        Browser browser = env.newBrowser();
        Page hungarian = browser.open(env.portal().authorizationRequest().url());
        // The customer picks English in the page's language menu, whose entries go to the page with kc_locale=en.
        Page login = browser.open(hungarian.document()
                .select("#login-select-toggle option[value*=\"kc_locale=en\"]").first().absUrl("value"));
        assertThat(login.document().select("#kc-login").text()).isEqualTo("Send me the code");
        Page codePage = LoginJourney.submitPassword(browser, login, customer.email(), PASSWORD);

        assertThat(codePage.document().select("html").attr("lang")).isEqualTo("en");
        assertThat(codePage.document().select("#email-code-notice").text())
                .isEqualTo("We have e-mailed the code you need to log in to your address: " + customer.email());
        assertThat(codePage.document().select("label[for=code]").text()).isEqualTo("Code from the e-mail");
        assertThat(codePage.document().select("#kc-email-code-form #kc-login").text()).isEqualTo("Log in");
        assertThat(codePage.document().select("#email-code-validity").text()).isEqualTo("The code is valid for 5 minutes!");
        assertThat(codePage.document().select("#kc-email-code-resend").text()).isEqualTo("Send a new code");
        assertThat(codePage.document().select("#email-code-help").text()).contains("Spam folder", "+36-1/486-36-00");

        ReceivedMail mail = LoginJourney.awaitMail(env, customer.email(), 0);
        assertThat(mail.subject()).isEqualTo("Customer Portal login code");
        assertThat(mail.textBody()).contains("The code is valid for 5 minutes!");

        Page wrong = browser.submit(codePage, LoginJourney.CODE_FORM, Map.of("code",
                LoginJourney.wrongCodeFor(LoginJourney.codeFrom(mail))));
        assertThat(wrong.document().select("#email-code-error").text())
                .isEqualTo("Wrong code. Attempts left with this code: 4.");
        assertThat(wrong.document().select("#email-code-messages").attr("aria-live")).isEqualTo("assertive");

        Page done = browser.submit(wrong, LoginJourney.CODE_FORM, Map.of("code", LoginJourney.codeFrom(mail)));
        assertThat(done.isPortalRedirect()).as("redirected to the portal: %s", done).isTrue();
    }

    @Test
    void sendWrongCodeAndSuccessAreEventsWithoutTheCode(TestEnvironment env) {
        Customer customer = Customer.withOneClientNumber(env, "kod-esemeny", PASSWORD);
        Browser browser = env.newBrowser();
        Page codePage = LoginJourney.submitPassword(browser, browser.open(env.portal().authorizationRequest().url()),
                customer.email(), PASSWORD);
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), 0));
        String wrongCode = LoginJourney.wrongCodeFor(code);
        Page wrong = browser.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", wrongCode));
        Page done = browser.submit(wrong, LoginJourney.CODE_FORM, Map.of("code", code));
        assertThat(done.isPortalRedirect()).isTrue();

        List<Map<String, Object>> sent = env.admin().events("SEND_VERIFY_EMAIL", customer.id());
        assertThat(sent).hasSize(1);
        assertThat(AdminApi.details(sent.get(0))).containsEntry("email_code", "sent").containsEntry("email_code_sends", "1")
                .containsEntry("email", customer.email());

        List<Map<String, Object>> errors = env.admin().events("LOGIN_ERROR", customer.id());
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).containsEntry("error", "invalid_code");
        assertThat(AdminApi.details(errors.get(0))).containsEntry("email_code", "wrong").containsEntry("email_code_tries_left", "4");

        List<Map<String, Object>> logins = env.admin().events("LOGIN", customer.id());
        assertThat(logins).hasSize(1);
        assertThat(AdminApi.details(logins.get(0))).containsEntry("email_code", "accepted");

        assertThat(List.of(sent, errors, logins).toString()).doesNotContain(code).doesNotContain(wrongCode);
    }

    @Test
    void realmFlowAsksForTheCodeRightAfterThePasswordWithTheDefaultSettings(TestEnvironment env) {
        List<Map<String, Object>> executions = env.admin().get(
                "/authentication/flows/ugyfelportal%20browser%20forms/executions", new TypeReference<>() {
                });
        assertThat(executions).extracting(execution -> execution.get("providerId"))
                .startsWith("ugyfelportal-username-password-form", "ugyfelportal-email-code");
        Map<String, Object> codeStep = executions.get(1);
        assertThat(codeStep).containsEntry("requirement", "REQUIRED").containsEntry("priority", 20);

        Map<String, Object> config = env.admin().get("/authentication/config/" + codeStep.get("authenticationConfig"),
                new TypeReference<>() {
                });
        assertThat(config).containsEntry("alias", "ugyfelportal email code");
        assertThat(config.get("config")).isEqualTo(Map.of("codeLength", "6", "lifetimeSeconds", "300",
                "maxWrongTries", "5", "resendCooldownSeconds", "30", "maxSendsPerLogin", "5"));
    }

    @Test
    void adminConsoleDescribesEverySettingWithItsDefault(TestEnvironment env) {
        Map<String, Object> description = env.admin().get(
                "/authentication/config-description/ugyfelportal-email-code", new TypeReference<>() {
                });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> properties = (List<Map<String, Object>>) description.get("properties");

        assertThat(properties).extracting(property -> property.get("name") + "=" + property.get("defaultValue"))
                .containsExactly("codeLength=6", "lifetimeSeconds=300", "maxWrongTries=5", "resendCooldownSeconds=30",
                        "maxSendsPerLogin=5");
        assertThat(properties).allSatisfy(property -> assertThat(property.get("helpText")).asString().contains("From"));
    }
}
