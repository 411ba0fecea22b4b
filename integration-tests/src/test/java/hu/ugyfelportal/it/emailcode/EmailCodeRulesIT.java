package hu.ugyfelportal.it.emailcode;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.CodeStepClient;
import hu.ugyfelportal.it.support.Customer;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestClock;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code's rules against the real server and mail server. Each test runs its own client whose flow is password +
 * e-mail code with the settings it needs (short lifetimes and cool-downs instead of waiting minutes), so the realm's
 * own flow stays as imported for every other test.
 */
@ExtendWith(UgyfelportalExtension.class)
class EmailCodeRulesIT {

    private static final String PASSWORD = "Teszt-jelszo-2";
    /**
     * Keycloak treats two failures of one user within the realm's quickLoginCheckMilliSeconds (1 s) as an attack and
     * locks at once; a person typing codes is slower than that. Keycloak times a failure by its clock when it records
     * it, in the background, so a test waits until the failure is recorded and then moves the clock this far.
     */
    private static final Duration HUMAN_PAUSE = Duration.ofSeconds(2);
    private static final String CODE_ERROR = "#email-code-error";

    @Test
    void wrongCodeThenRightCode(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of());
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "rossz-jo").typingWith(clock);

            Page wrong = login.submitCodeLikeAPerson(LoginJourney.wrongCodeFor(login.code));
            assertThat(wrong.document().select(CODE_ERROR).text())
                    .isEqualTo("Nem megfelelő kód. Még 4 alkalommal próbálkozhat ezzel a kóddal.");
            assertThat(wrong.has(LoginJourney.CODE_FORM)).isTrue();

            assertThat(login.submitCodeLikeAPerson(login.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void fiveWrongCodesVoidTheCode(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("resendCooldownSeconds", "0"));
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "ot-rossz").typingWith(clock);
            String wrongCode = LoginJourney.wrongCodeFor(login.code);
            for (int tryNumber = 1; tryNumber <= 4; tryNumber++) {
                assertThat(login.submitCodeLikeAPerson(wrongCode).document().select(CODE_ERROR).text())
                        .endsWith("Még " + (5 - tryNumber) + " alkalommal próbálkozhat ezzel a kóddal.");
            }
            Page fifth = login.submitCodeLikeAPerson(wrongCode);
            assertThat(fifth.document().select(CODE_ERROR).text()).isEqualTo(
                    "Túl sokszor adott meg hibás kódot, ezért a kód érvénytelenné vált. Kérjen új kódot.");
            assertThat(fifth.has(LoginJourney.CODE_FORM)).as("no code field for a void code").isFalse();

            Page rightButVoid = login.postCodeWithoutTheForm(login.code);
            assertThat(rightButVoid.isPortalRedirect()).isFalse();
            assertThat(rightButVoid.document().select(CODE_ERROR).text())
                    .isEqualTo("Nincs érvényes kódja. Kérjen új kódot.");

            login.resend();
            assertThat(login.submitCode(login.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void expiredCodeIsRefusedAndANewOneWorks(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env,
                Map.of("lifetimeSeconds", "90", "resendCooldownSeconds", "0"));
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "lejart");
            assertThat(login.page.document().select("#email-code-validity").text())
                    .isEqualTo("A kód 90 másodpercig érvényes!");
            String mailed = env.mail().mailsFor(login.customer.email()).get(0).textBody();
            assertThat(mailed).contains("A kód 90 másodpercig érvényes!");

            clock.move(Duration.ofSeconds(91));
            Page expired = login.submitCode(login.code);
            assertThat(expired.isPortalRedirect()).isFalse();
            assertThat(expired.document().select(CODE_ERROR).text()).isEqualTo("A kód lejárt. Kérjen új kódot.");
            assertThat(env.admin().events("LOGIN_ERROR", login.customer.id()))
                    .anySatisfy(event -> assertThat(event).containsEntry("error", "expired_code"));

            login.resend();
            assertThat(login.submitCode(login.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void aCodeWorksUntilTheEndOfItsLifetime(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("lifetimeSeconds", "90"));
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "meg-ervenyes");

            clock.move(Duration.ofSeconds(85));
            assertThat(login.submitCode(login.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void resendWaitsForTheCooldownAndTheNewCodeVoidsTheOld(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("resendCooldownSeconds", "30"));
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "ujrakuldes");
            String firstCode = login.code;

            Page tooSoon = login.browser.submit(login.page, "#kc-email-code-resend-form", Map.of());
            assertThat(tooSoon.document().select(CODE_ERROR).text())
                    .matches("Új kódot (30|[12][0-9]) másodperc múlva kérhet\\.");
            assertThat(env.mail().mailsFor(login.customer.email())).hasSize(1);
            assertThat(tooSoon.has(LoginJourney.CODE_FORM)).as("the first code still works").isTrue();
            login.page = tooSoon;

            clock.move(Duration.ofSeconds(31));
            Page resent = login.resend();
            assertThat(resent.document().select("#email-code-notice").text())
                    .isEqualTo("Új kódot küldtünk az Ön e-mail címére: " + login.customer.email()
                            + ". A korábban kapott kód már nem érvényes.");
            assertThat(env.mail().mailsFor(login.customer.email())).hasSize(2);

            if (!firstCode.equals(login.code)) {
                assertThat(login.submitCode(firstCode).document().select(CODE_ERROR).text())
                        .startsWith("Nem megfelelő kód.");
            }
            assertThat(login.submitCodeLikeAPerson(login.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void atMostTheConfiguredNumberOfSendsPerLogin(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env,
                Map.of("resendCooldownSeconds", "0", "maxSendsPerLogin", "2"))) {
            Login login = startLogin(env, client, "kuldesek");
            login.resend();

            Page refused = login.browser.submit(login.page, "#kc-email-code-resend-form", Map.of());
            assertThat(refused.document().select(CODE_ERROR).text()).isEqualTo("Ebben a bejelentkezésben már 2 kódot "
                    + "küldtünk, többet nem küldhetünk. Kérjük, kezdje újra a bejelentkezést.");
            assertThat(env.mail().mailsFor(login.customer.email())).hasSize(2);
            assertThat(env.admin().events("SEND_VERIFY_EMAIL_ERROR", login.customer.id()))
                    .anySatisfy(event -> assertThat(event).containsEntry("error", "email_code_send_limit"));
        }
    }

    @Test
    void aCodeReplayedInASecondLoginFails(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of());
             TestClock clock = env.clock()) {
            Login first = startLogin(env, client, "visszajatszas").typingWith(clock);
            assertThat(first.submitCode(first.code).isPortalRedirect()).isTrue();

            Login second = continueLogin(env, client, first.customer, 1).typingWith(clock);
            if (!second.code.equals(first.code)) {
                Page replayed = second.submitCode(first.code);
                assertThat(replayed.isPortalRedirect()).isFalse();
                assertThat(replayed.document().select(CODE_ERROR).text()).startsWith("Nem megfelelő kód.");
            }
            assertThat(second.submitCodeLikeAPerson(second.code).isPortalRedirect()).isTrue();
        }
    }

    @Test
    void mailServerDownGivesAClearErrorAndResendWorksWhenItIsBack(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of())) {
            Customer customer = Customer.withOneClientNumber(env, "smtp-hiba", PASSWORD);
            Browser browser = env.newBrowser();
            Page failed;
            env.mail().stop();
            try {
                failed = LoginJourney.submitPassword(browser,
                        browser.open(client.portal().authorizationRequest().url()), customer.email(), PASSWORD);
            } finally {
                env.mail().start();
            }
            assertThat(failed.status()).isEqualTo(200);
            assertThat(failed.document().select(CODE_ERROR).text()).isEqualTo("A kódot most nem sikerült e-mailben "
                    + "elküldeni. Kérjük, próbálja újra az Új kód kérése gombbal néhány perc múlva.");
            assertThat(failed.has(LoginJourney.CODE_FORM)).as("no code field before a code was delivered").isFalse();
            assertThat(failed.has("#email-code-notice")).as("no 'code sent' notice").isFalse();
            assertThat(env.admin().events("SEND_VERIFY_EMAIL_ERROR", customer.id()))
                    .anySatisfy(event -> assertThat(event).containsEntry("error", "email_send_failed"));

            Page resent = browser.submit(failed, "#kc-email-code-resend-form", Map.of());
            String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), 0));
            assertThat(resent.has(LoginJourney.CODE_FORM)).isTrue();
            assertThat(browser.submit(resent, LoginJourney.CODE_FORM, Map.of("code", code)).isPortalRedirect()).isTrue();
            List<Map<String, Object>> sent = env.admin().events("SEND_VERIFY_EMAIL", customer.id());
            assertThat(sent).hasSize(1);
            assertThat(AdminApi.details(sent.get(0))).as("the failed send is not counted")
                    .containsEntry("email_code_sends", "1");
        }
    }

    @Test
    void aResendThatCannotBeMailedKeepsTheCodeDeliveredBefore(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("resendCooldownSeconds", "0"))) {
            Login login = startLogin(env, client, "smtp-ujrakuldes");
            Page failed;
            env.mail().stop();
            try {
                failed = login.browser.submit(login.page, "#kc-email-code-resend-form", Map.of());
            } finally {
                env.mail().start();
            }
            assertThat(failed.document().select(CODE_ERROR).text()).startsWith("A kódot most nem sikerült e-mailben");
            assertThat(failed.has(LoginJourney.CODE_FORM)).as("the code delivered before is still live").isTrue();
            login.page = failed;

            assertThat(login.submitCode(login.code).isPortalRedirect()).as("the delivered code still works").isTrue();
        }
    }

    @Test
    void wrongCodesLockTheUserAfterTheRealmsFailureLimit(TestEnvironment env) {
        int failureFactor = ((Number) env.admin().get("", new TypeReference<Map<String, Object>>() {
        }).get("failureFactor")).intValue();
        assertThat(failureFactor).as("the realm's brute-force failure limit").isEqualTo(10);
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("resendCooldownSeconds", "0"));
             TestClock clock = env.clock()) {
            Login login = startLogin(env, client, "zarolas").typingWith(clock);
            // Four wrong tries per code, then a new code: the count goes across codes, and the last code stays live.
            for (int failure = 1; failure < failureFactor; failure++) {
                if (failure % 4 == 1 && failure > 1) {
                    login.resend();
                }
                login.submitCodeLikeAPerson(LoginJourney.wrongCodeFor(login.code));
            }
            assertThat(awaitBruteForceStatus(env, login.customer.id(), failureFactor - 1))
                    .as("not locked one failure before the limit").containsEntry("disabled", false);
            assertThat(login.page.document().select(CODE_ERROR).text()).startsWith("Nem megfelelő kód.");

            login.submitCodeLikeAPerson(LoginJourney.wrongCodeFor(login.code));
            assertThat(awaitBruteForceStatus(env, login.customer.id(), failureFactor)).containsEntry("disabled", true);

            Page locked = login.submitCode(login.code);
            assertThat(locked.isPortalRedirect()).as("even the right code is refused while locked").isFalse();
            assertThat(locked.document().select(CODE_ERROR).text()).isEqualTo("Túl sok sikertelen próbálkozás miatt "
                    + "a bejelentkezés átmenetileg nem lehetséges. Kérjük, próbálja újra később.");
            assertThat(env.admin().events("USER_DISABLED_BY_TEMPORARY_LOCKOUT", login.customer.id())).isNotEmpty();
        }
    }

    @Test
    void badSettingsGiveAnErrorPageAndSendNothing(TestEnvironment env) {
        try (CodeStepClient client = CodeStepClient.create(env, Map.of("codeLength", "3"))) {
            Customer customer = Customer.withOneClientNumber(env, "rossz-beallitas", PASSWORD);
            Browser browser = env.newBrowser();
            Page page = LoginJourney.submitPassword(browser,
                    browser.open(client.portal().authorizationRequest().url()), customer.email(), PASSWORD);

            assertThat(page.status()).isEqualTo(503);
            assertThat(page.text()).contains("A bejelentkezés most nem lehetséges.");
            assertThat(page.html()).doesNotContain("Exception");
            assertThat(env.admin().events("LOGIN_ERROR", customer.id()))
                    .anySatisfy(event -> assertThat(event).containsEntry("error", "email_code_misconfigured"));
            // A code mail goes out within the request, so it would be in the mail server before the answer.
            assertThat(env.mail().mailsFor(customer.email())).isEmpty();
        }
    }

    private static Map<String, Object> awaitBruteForceStatus(TestEnvironment env, String userId, int failures) {
        // Keycloak records failures on a background executor, so the count can lag the page by a moment.
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            Map<String, Object> status = env.admin().get("/attack-detection/brute-force/users/" + userId,
                    new TypeReference<>() {
                    });
            if (((Number) status.get("numFailures")).intValue() >= failures || Instant.now().isAfter(deadline)) {
                assertThat(((Number) status.get("numFailures")).intValue()).isEqualTo(failures);
                return status;
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Login startLogin(TestEnvironment env, CodeStepClient client, String prefix) {
        return continueLogin(env, client, Customer.withOneClientNumber(env, prefix, PASSWORD), 0);
    }

    /** A new browser logs in with the password; {@code mailsBefore} is how many code mails the customer had. */
    private static Login continueLogin(TestEnvironment env, CodeStepClient client, Customer customer, int mailsBefore) {
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = client.portal().authorizationRequest();
        Page page = LoginJourney.submitPassword(browser, browser.open(request.url()), customer.email(), PASSWORD);
        assertThat(page.has(LoginJourney.CODE_FORM)).as("code page: %s", page).isTrue();
        String code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), mailsBefore));
        return new Login(env, customer, browser, page, code);
    }

    /** One login attempt on the code page: the page it is on and the code last mailed. */
    private static final class Login {

        private final TestEnvironment env;
        private final Customer customer;
        private final Browser browser;
        private Page page;
        private String code;
        private TestClock clock;
        private int wrongSubmits;

        private Login(TestEnvironment env, Customer customer, Browser browser, Page page, String code) {
            this.env = env;
            this.customer = customer;
            this.browser = browser;
            this.page = page;
            this.code = code;
        }

        /** The clock {@link #submitCodeLikeAPerson} moves. */
        Login typingWith(TestClock testClock) {
            this.clock = testClock;
            return this;
        }

        Page submitCode(String entered) {
            page = browser.submit(page, LoginJourney.CODE_FORM, Map.of("code", entered));
            if (!entered.equals(code)) {
                wrongSubmits++;
            }
            return page;
        }

        /** After a wrong code, as a person would: no quicker than the realm's quick-login check. */
        Page submitCodeLikeAPerson(String entered) {
            if (wrongSubmits > 0) {
                awaitBruteForceStatus(env, customer.id(), wrongSubmits);
                clock.move(HUMAN_PAUSE);
            }
            return submitCode(entered);
        }

        /** Posts a code to the page's action even when the page shows no code field (a void code). */
        Page postCodeWithoutTheForm(String entered) {
            String action = page.document().selectFirst("#kc-email-code-resend-form").absUrl("action");
            page = browser.post(action, Map.of("code", entered));
            return page;
        }

        Page resend() {
            int mailsBefore = env.mail().mailsFor(customer.email()).size();
            page = browser.submit(page, "#kc-email-code-resend-form", Map.of());
            assertThat(page.has(LoginJourney.CODE_FORM)).as("code page after resend: %s", page).isTrue();
            code = LoginJourney.codeFrom(LoginJourney.awaitMail(env, customer.email(), mailsBefore));
            return page;
        }
    }
}
