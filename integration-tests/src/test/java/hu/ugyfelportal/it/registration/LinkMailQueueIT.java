package hu.ugyfelportal.it.registration;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LinkRequestSettings;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PasswordLinkSteps;
import hu.ugyfelportal.it.support.StallingSmtpRelay;
import hu.ugyfelportal.it.support.TestClock;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static hu.ugyfelportal.it.support.PasswordLinkSteps.RESET_FORM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With accounts hidden the link mails go out after the answer, through a bounded queue per node: a stalled mail
 * server holds at most its senders' and the queue's mails, a mail beyond them is refused and gives its place in the
 * address's limit back (the customer may ask again at once), and a mail whose link expired while it waited is not
 * sent but gives its place back too. Every mail not sent leaves an event with the reason.
 */
@ExtendWith(UgyfelportalExtension.class)
class LinkMailQueueIT {

    /** Longer than the test: the relay passes mail on only when the test lets it ({@link StallingSmtpRelay#recover}). */
    private static final Duration STALL = Duration.ofMinutes(3);
    /** Keycloak's SMTP timeouts (10 s by default) would end the stalled sends while the test fills the queue. */
    private static final String SMTP_TIMEOUT_MILLIS = "240000";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aStalledMailServerFillsTheQueueAndTheMailBeyondItGivesItsPlaceBack(TestEnvironment env) throws Exception {
        Map<String, String> queue = linkRequestStepInfo(env);
        int held = Integer.parseInt(queue.get("linkMailSenders")) + Integer.parseInt(queue.get("linkMailQueueCapacity"));
        List<String> waiting = provisionedCustomers(env, "queued", held);
        String refused = AdminApi.uniqueEmail("queue-full");
        String refusedId = env.admin().createUser(refused, null, AdminApi.oneClientNumber());

        try (var safe = LinkRequestSettings.revealUnknownEmail(env, false);
             var relay = new StallingSmtpRelay(env.mail().smtpPort(), STALL)) {
            withStalledRelay(env, relay, () -> {
                for (String email : waiting) {
                    assertThat(request(env, email).has("#ugyfelportal-link-sent")).isTrue();
                }
                assertThat(request(env, refused).has("#ugyfelportal-link-sent"))
                        .as("the answer is the same when the queue is full").isTrue();
                assertThat(awaitNotSentEvent(env, refusedId).toString()).contains("link_mail_queue_full")
                        .doesNotContain(refused);

                relay.recover();
                for (String email : waiting) {
                    LoginJourney.awaitMail(env, email, 0);
                }
            });
            assertThat(env.mail().mailsFor(refused)).as("nothing was sent for the refused request").isEmpty();

            // Within the 60 s cool-down: only a place given back lets this mail out.
            assertThat(request(env, refused).has("#ugyfelportal-link-sent")).isTrue();
            LoginJourney.awaitMail(env, refused, 0);
        }
    }

    @Test
    void aLinkThatExpiredWhileItsMailWaitedIsNotSentAndItsPlaceComesBack(TestEnvironment env) throws Exception {
        int senders = Integer.parseInt(linkRequestStepInfo(env).get("linkMailSenders"));
        List<String> atTheMailServer = provisionedCustomers(env, "in-flight", senders);
        String late = AdminApi.uniqueEmail("expired-in-queue");
        String lateId = env.admin().createUser(late, null, AdminApi.oneClientNumber());

        try (var safe = LinkRequestSettings.set(env, Map.of("revealUnknownEmail", "false", "linkLifetimeSeconds", "60"));
             var relay = new StallingSmtpRelay(env.mail().smtpPort(), STALL);
             TestClock clock = env.clock()) {
            withStalledRelay(env, relay, () -> {
                for (String email : atTheMailServer) {
                    request(env, email);
                }
                request(env, late);
                clock.move(Duration.ofSeconds(61));
                relay.recover();

                for (String email : atTheMailServer) {
                    LoginJourney.awaitMail(env, email, 0);
                }
                assertThat(awaitNotSentEvent(env, lateId).toString()).contains("link_expired_in_queue");
            });
            assertThat(env.mail().mailsFor(late)).isEmpty();

            assertThat(request(env, late).has("#ugyfelportal-link-sent")).isTrue();
            assertThat(LoginJourney.linkFrom(LoginJourney.awaitMail(env, late, 0))).isNotBlank();
        }
    }

    private static List<String> provisionedCustomers(TestEnvironment env, String prefix, int count) {
        List<String> emails = new ArrayList<>();
        for (int customer = 0; customer < count; customer++) {
            String email = AdminApi.uniqueEmail(prefix);
            env.admin().createUser(email, null, AdminApi.oneClientNumber());
            emails.add(email);
        }
        return emails;
    }

    private static Map<String, String> linkRequestStepInfo(TestEnvironment env) {
        Map<String, Object> info = env.admin().serverInfo();
        Object operational = dig(info, "providers", "authenticator", "providers", "ugyfelportal-password-link-request",
                "operationalInfo");
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) operational;
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            value = ((Map<String, Object>) value).get(key);
            assertThat(value).as("server info at %s", key).isNotNull();
        }
        return value;
    }

    /** The realm's mail goes through the relay, with SMTP timeouts longer than its stall, then back. */
    private static void withStalledRelay(TestEnvironment env, StallingSmtpRelay relay, AdminApi.Step step)
            throws Exception {
        Map<String, Object> realm = env.admin().get("", new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, String> smtp = new HashMap<>((Map<String, String>) realm.get("smtpServer"));
        smtp.put("port", String.valueOf(relay.port()));
        smtp.put("timeout", SMTP_TIMEOUT_MILLIS);
        try {
            env.admin().withRealmSettings(Map.of("smtpServer", smtp), step);
        } finally {
            // Whatever happened, the stalled sends end, so the next tests find idle senders.
            relay.recover();
        }
    }

    private static Page request(TestEnvironment env, String email) {
        Browser browser = env.newBrowser();
        return PasswordLinkSteps.submitEmail(browser, PasswordLinkSteps.forgotPasswordPage(env, browser), RESET_FORM, email);
    }

    /** The mail's events are written by its sender after the answer. */
    private static Map<String, Object> awaitNotSentEvent(TestEnvironment env, String userId) {
        return assertThatSingle(env.admin().awaitEvents("SEND_RESET_PASSWORD_ERROR", userId,
                event -> "email_send_failed".equals(event.get("error")), EVENT_TIMEOUT));
    }

    private static Map<String, Object> assertThatSingle(List<Map<String, Object>> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
