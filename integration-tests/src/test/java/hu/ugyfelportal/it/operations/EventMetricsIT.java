package hu.ugyfelportal.it.operations;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.MetricCounters;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator alerts on: each of our steps' events reaches Keycloak's event metrics on the management port
 * ({@code keycloak_user_events_total}, enabled by deploy/keycloak.conf) under its event and error, with the realm,
 * the identity provider and the client as tags. Each test reads the counters before and after one customer action.
 */
@ExtendWith(UgyfelportalExtension.class)
class EventMetricsIT {

    private static final String PASSWORD = "Metrika-jelszo-1";
    private static final String PORTAL_CLIENT = "ugyfelportal-portal";
    private static final Duration COUNTED_WITHIN = Duration.ofSeconds(5);

    @Test
    void aSentCodeIsCountedAsSendVerifyEmailWithoutError(TestEnvironment env) {
        String email = customer(env, "metrika-kod", AdminApi.oneClientNumber());
        Map<String, String> sent = series(env, "send_verify_email", "", PORTAL_CLIENT);
        MetricCounters before = counters(env);

        Browser browser = env.newBrowser();
        Page codePage = submitPassword(env, browser, email, PASSWORD);

        assertThat(codePage.has(LoginJourney.CODE_FORM)).as("code page: %s", codePage).isTrue();
        assertCountedOnce(env, before, sent);
    }

    @Test
    void aWrongCodeIsCountedAsLoginWithInvalidCode(TestEnvironment env) {
        String email = customer(env, "metrika-rossz", AdminApi.oneClientNumber());
        Browser browser = env.newBrowser();
        Page codePage = submitPassword(env, browser, email, PASSWORD);
        String wrong = LoginJourney.wrongCodeFor(LoginJourney.codeFrom(LoginJourney.awaitMail(env, email, 0)));
        Map<String, String> invalidCode = series(env, "login", "invalid_code", PORTAL_CLIENT);
        MetricCounters before = counters(env);

        Page refused = browser.submit(codePage, LoginJourney.CODE_FORM, Map.of("code", wrong));

        assertThat(refused.isPortalRedirect()).isFalse();
        assertCountedOnce(env, before, invalidCode);
    }

    @Test
    void aFailedCodeMailIsCountedAsSendVerifyEmailWithEmailSendFailed(TestEnvironment env) {
        String email = customer(env, "metrika-smtp", AdminApi.oneClientNumber());
        Map<String, String> failed = series(env, "send_verify_email", "email_send_failed", PORTAL_CLIENT);
        MetricCounters before = counters(env);
        Browser browser = env.newBrowser();
        Page page;
        env.mail().stop();
        try {
            page = submitPassword(env, browser, email, PASSWORD);
        } finally {
            env.mail().start();
        }

        assertThat(page.has(LoginJourney.CODE_FORM)).as("no code was delivered: %s", page).isFalse();
        assertCountedOnce(env, before, failed);
    }

    @Test
    void aClientNumberTheCustomerDoesNotHoldIsCountedAsLoginWithClientNumberNotEligible(TestEnvironment env) {
        String email = customer(env, "metrika-ugyfelszam", Map.of("ugyfelszam", List.of(
                "41000007 | MAGANSZEMELY | Metrika Ügyfél", "42000005 | CEG | Metrika Kft.")));
        Browser browser = env.newBrowser();
        Page chooser = LoginJourney.passwordAndCode(env, browser,
                browser.open(env.portal().authorizationRequest().url()), email, PASSWORD);
        assertThat(chooser.has(LoginJourney.CHOOSER_FORM)).as("chooser: %s", chooser).isTrue();
        Map<String, String> refusedNumber = series(env, "login", "client_number_not_eligible", PORTAL_CLIENT);
        MetricCounters before = counters(env);

        Page refused = LoginJourney.chooseClientNumber(browser, chooser, "43000003");

        assertThat(refused.isPortalRedirect()).isFalse();
        assertCountedOnce(env, before, refusedNumber);
    }

    @Test
    void aRejectedDapPresentationIsCountedAsIdentityProviderLoginWithDapPresentationRejected(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);
        Map<String, String> rejected = new HashMap<>(series(env, "identity_provider_login", "dap_presentation_rejected",
                null));
        rejected.put("idp", "dap");
        MetricCounters before = counters(env);

        // A plain vp_token where the QR asked for an encrypted answer: the presentation is refused.
        DapPhone.Outcome answer = env.dap().approveUnencrypted(DapPhone.scan(qr), "kovacs-janos");

        assertThat(answer.verifierStatus()).isEqualTo(400);
        assertCountedOnce(env, before, rejected);
    }

    @Test
    void aLockedOutCustomerIsCountedAsLoginWithUserTemporarilyDisabled(TestEnvironment env) {
        String email = customer(env, "metrika-zarolas", AdminApi.oneClientNumber());
        Map<String, String> lockedOut = series(env, "login", "user_temporarily_disabled", PORTAL_CLIENT);
        Browser browser = env.newBrowser();
        Map<String, Object> realm = env.admin().get("", new TypeReference<>() {
        });
        int failureFactor = ((Number) realm.get("failureFactor")).intValue();
        for (int i = 0; i < failureFactor; i++) {
            submitPassword(env, browser, email, "Rossz-jelszo-" + i);
        }
        MetricCounters before = counters(env);

        Page locked = submitPassword(env, browser, email, PASSWORD);

        assertThat(locked.has(LoginJourney.CODE_FORM)).as("locked out: %s", locked).isFalse();
        assertCountedOnce(env, before, lockedOut);
    }

    /** A new login of the portal, with the password posted; returns the page after it. */
    private static Page submitPassword(TestEnvironment env, Browser browser, String email, String password) {
        return LoginJourney.submitPassword(browser, browser.open(env.portal().authorizationRequest().url()), email,
                password);
    }

    private String customer(TestEnvironment env, String prefix, Map<String, List<String>> attributes) {
        String email = AdminApi.uniqueEmail(prefix);
        env.admin().createUser(email, PASSWORD, attributes);
        return email;
    }

    /** The labels of one series of our realm; the client is left out where the event carries none of ours. */
    private static Map<String, String> series(TestEnvironment env, String event, String error, String clientId) {
        Map<String, String> labels = new HashMap<>(Map.of("event", event, "error", error, "realm", env.realm()));
        if (clientId != null) {
            labels.put("client_id", clientId);
        }
        return labels;
    }

    private static MetricCounters counters(TestEnvironment env) {
        return MetricCounters.read(env, MetricCounters.USER_EVENTS);
    }

    /** The counter grows by exactly one (Keycloak counts an event once its transaction has ended). */
    private static void assertCountedOnce(TestEnvironment env, MetricCounters before, Map<String, String> labels) {
        double expected = before.count(labels) + 1;
        Instant deadline = Instant.now().plus(COUNTED_WITHIN);
        MetricCounters after = counters(env);
        while (after.count(labels) < expected && Instant.now().isBefore(deadline)) {
            sleep();
            after = counters(env);
        }
        assertThat(after.count(labels)).as("%s%s; our realm's series now: %s", MetricCounters.USER_EVENTS, labels,
                after.series().stream().filter(s -> env.realm().equals(s.labels().get("realm"))).toList())
                .isEqualTo(expected);
    }


    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
