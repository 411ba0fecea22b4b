package hu.ugyfelportal.it.security;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.MetricCounters;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login page answers a locked account (Keycloak's quick-login rule or its failure count; or a permanent
 * lockout), an unknown user and a wrong password with the same bytes, so the answer tells no account apart. Only a
 * disabled account that gave the right password hears where to turn.
 */
@ExtendWith(UgyfelportalExtension.class)
class OneAnswerForFailedLoginsIT {

    private static final String PASSWORD = "Helyes-jelszo-1";

    @ParameterizedTest
    @CsvSource({"hu, Nem megfelelő felhasználónév vagy jelszó", "en, Invalid username or password"})
    void lockedUnknownAndWrongPasswordGetTheSameBytes(String language, String expected, TestEnvironment env) {
        String locked = AdminApi.uniqueEmail("locked");
        String lockedId = env.admin().createUser(locked, PASSWORD, AdminApi.oneClientNumber());
        lockTemporarily(env, locked, lockedId, language);
        String permanentlyLocked = AdminApi.uniqueEmail("locked-for-good");
        createPermanentlyLocked(env, permanentlyLocked);
        String known = AdminApi.uniqueEmail("known");
        env.admin().createUser(known, PASSWORD, AdminApi.oneClientNumber());

        Answer lockedAnswer = answer(env, language, locked, PASSWORD);
        Answer permanentAnswer = answer(env, language, permanentlyLocked, PASSWORD);
        Answer unknownAnswer = answer(env, language, AdminApi.uniqueEmail("nobody"), PASSWORD);
        Answer wrongPassword = answer(env, language, known, "Rossz-jelszo-1");

        assertThat(wrongPassword.message()).isEqualTo(expected);
        assertThat(List.of(lockedAnswer, permanentAnswer, unknownAnswer)).allSatisfy(answer -> {
            assertThat(answer.message()).isEqualTo(wrongPassword.message());
            assertThat(answer.form()).isEqualTo(wrongPassword.form());
            assertThat(answer.status()).isEqualTo(wrongPassword.status());
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hu|Fiókja jelenleg nem használható. Kérjük, hogy az admin@legitimo.hu e-mail címre írja meg ezt nekünk, vagy hívja ügyfélszolgálatunkat a +36-1/486-36-00-ás telefonszámon (a 2-es, majd 1-es menüpontokat választva).",
            "en|Your account cannot be used at the moment. Please write to us at admin@legitimo.hu or call our customer service on +36-1/486-36-00 (choose menu items 2, then 1)."})
    void aDisabledAccountWithTheRightPasswordIsToldWhereToTurn(String language, String expected, TestEnvironment env) {
        String disabled = AdminApi.uniqueEmail("disabled");
        String userId = env.admin().createUser(disabled, PASSWORD, AdminApi.oneClientNumber());
        env.admin().call("PUT", "/users/" + userId, Map.of("enabled", false)).expect(204);

        Answer rightPassword = answer(env, language, disabled, PASSWORD);
        Answer wrongPassword = answer(env, language, disabled, "Rossz-jelszo-1");

        assertThat(rightPassword.page().text()).contains(expected).doesNotContainIgnoringCase("administrator")
                .doesNotContain("rendszergazd");
        assertThat(wrongPassword.message()).as("a wrong password tells nothing about the account")
                .isEqualTo(language.equals("hu") ? "Nem megfelelő felhasználónév vagy jelszó" : "Invalid username or password");
    }

    /**
     * Keycloak refuses a locked account before it checks the password; our password step checks it anyway, so the
     * locked answer costs what a wrong password costs and its time does not tell that the address has an account.
     */
    @Test
    void aLockedAccountCostsThePasswordHashThatAWrongPasswordCosts(TestEnvironment env) {
        String locked = AdminApi.uniqueEmail("locked-cost");
        lockTemporarily(env, locked, env.admin().createUser(locked, PASSWORD, AdminApi.oneClientNumber()), "hu");
        String permanentlyLocked = AdminApi.uniqueEmail("locked-for-good-cost");
        createPermanentlyLocked(env, permanentlyLocked);
        String known = AdminApi.uniqueEmail("known-cost");
        env.admin().createUser(known, PASSWORD, AdminApi.oneClientNumber());

        assertThat(passwordHashesChecked(env, () -> answer(env, "hu", known, "Rossz-jelszo-1"))).isEqualTo(1);
        assertThat(passwordHashesChecked(env, () -> answer(env, "hu", locked, PASSWORD))).isEqualTo(1);
        assertThat(passwordHashesChecked(env, () -> answer(env, "hu", locked, "Rossz-jelszo-1"))).isEqualTo(1);
        assertThat(passwordHashesChecked(env, () -> answer(env, "hu", permanentlyLocked, PASSWORD))).isEqualTo(1);
        assertThat(answer(env, "hu", locked, PASSWORD).message())
                .as("the right password still does not open a locked account")
                .isEqualTo("Nem megfelelő felhasználónév vagy jelszó");
    }

    @Test
    void thePermanentlyLockedAccountIsWhatKeycloaksLockoutLeaves(TestEnvironment env) {
        String userId = createPermanentlyLocked(env, AdminApi.uniqueEmail("locked-check"));

        Map<String, Object> user = env.admin().get("/users/" + userId, new TypeReference<>() {
        });
        assertThat(user.get("enabled")).isEqualTo(false);
        assertThat(user.get("attributes")).asString().contains("disabledReason=[permanentLockout]");
    }

    /** Wrong passwords until Keycloak's brute-force protector (recording off-thread) reports the account locked. */
    private static void lockTemporarily(TestEnvironment env, String email, String userId, String language) {
        for (int attempt = 0; attempt < 30; attempt++) {
            answer(env, language, email, "Rossz-jelszo-" + attempt);
            if (Boolean.TRUE.equals(env.admin().bruteForceStatus(userId).get("disabled"))) {
                return;
            }
        }
        throw new AssertionError("The account was never locked: " + env.admin().bruteForceStatus(userId));
    }

    /** What Keycloak's lockout leaves on an account with permanent lockout on: disabled, with its reason. */
    private static String createPermanentlyLocked(TestEnvironment env, String email) {
        String userId = env.admin().createUser(email, PASSWORD, Map.of(
                "ugyfelszam", AdminApi.oneClientNumber().get("ugyfelszam"),
                "disabledReason", List.of("permanentLockout")));
        env.admin().call("PUT", "/users/" + userId, Map.of("enabled", false)).expect(204);
        return userId;
    }

    private static double passwordHashesChecked(TestEnvironment env, Runnable attempt) {
        double before = MetricCounters.passwordHashes(env);
        attempt.run();
        return MetricCounters.passwordHashes(env) - before;
    }

    private static Answer answer(TestEnvironment env, String language, String email, String password) {
        Browser browser = env.newBrowser().acceptLanguage(language);
        Page login = browser.open(env.portal().authorizationRequest(Map.of("ui_locales", language)).url());
        Page answer = LoginJourney.submitPassword(browser, login, email, password);
        Element form = answer.document().selectFirst("#kc-form");
        assertThat(form).as("login form again: %s", answer).isNotNull();
        Element comparable = form.clone();
        // What differs between any two page loads: the session in the form action and the links, and the typed address.
        comparable.select("#kc-form-login").attr("action", "");
        comparable.select("a[href]").forEach(link -> link.attr("href", link.attr("href").replaceAll("\\?.*", "")));
        comparable.select("#username").attr("value", "");
        return new Answer(answer, answer.document().select("#input-error-username").text(), comparable.outerHtml(),
                answer.status());
    }

    private record Answer(Page page, String message, String form, int status) {
    }
}
