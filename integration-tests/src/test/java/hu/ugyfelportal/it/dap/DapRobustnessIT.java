package hu.ugyfelportal.it.dap;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DÁP logins that go wrong in ways an attacker or an administrator's slip can cause: an identity linked to two users
 * is refused with the FAQ's message and an event naming the conflict (never a 500), and what the events and the
 * log keep of a refused presentation or an unlinked identity holds no nonce and no personal name.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapRobustnessIT {

    private static final String LOGIN_FAILED = "Sikertelen bejelentkezés.";
    /** The simulator identity no test leaves linked (DapLoginIT logs in with it unlinked). */
    private static final String UNLINKED_IDENTITY = "szabo-peter";

    /**
     * Uses the identity the other tests expect unlinked (every simulator identity is some test's), and removes both
     * users again whatever happens.
     */
    @Test
    void anIdentityLinkedToTwoUsersIsRefusedWithAnEventNamingTheConflict(TestEnvironment env) {
        String first = AdminApi.uniqueEmail("dap-twice-a");
        String firstId = DapJourney.customer(env, first);
        String secondId = DapJourney.customer(env, AdminApi.uniqueEmail("dap-twice-b"));
        try {
            assertThat(DapJourney.link(env, first, UNLINKED_IDENTITY).isPortalRedirect()).as("linked").isTrue();
            Map<String, Object> link = env.admin().get("/users/" + firstId + "/federated-identity",
                    new TypeReference<List<Map<String, Object>>>() {
                    }).get(0);
            env.admin().call("POST", "/users/" + secondId + "/federated-identity/dap", Map.of("identityProvider",
                    "dap", "userId", link.get("userId"), "userName", link.get("userName"))).expect(204);
            Browser browser = env.newBrowser();
            Page qr = DapJourney.qrPage(env, browser);
            env.dap().approve(DapPhone.scan(qr), UNLINKED_IDENTITY);

            Page refused = DapJourney.refresh(browser, qr);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).contains(LOGIN_FAILED).doesNotContain("Exception");
            assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> {
                assertThat(event.get("error")).isEqualTo("dap_identity_linked_to_several_users");
                assertThat(String.valueOf(AdminApi.details(event).get("reason"))).contains(firstId).contains(secondId);
            });
        } finally {
            // Linking also copied the identity's name onto the user: both users go, leaving no trace of the identity.
            env.admin().call("DELETE", "/users/" + secondId, null).expect(204);
            env.admin().call("DELETE", "/users/" + firstId, null).expect(204);
        }
    }

    @Test
    void aKeyBindingForAnotherNonceIsRecordedWithoutTheNonce(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);

        DapPhone.Replay replay = env.dap().replayTellingTheNonce(DapPhone.scan(qr), "papp-gergely");
        assertThat(replay.verifierStatus()).isEqualTo(400);
        String nonce = replay.requestNonce();
        assertThat(nonce).as("the request's nonce").hasSizeGreaterThan(16);

        Map<String, Object> rejected = env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null).stream()
                .filter(event -> "dap_presentation_rejected".equals(event.get("error"))).findFirst().orElseThrow();
        String reason = String.valueOf(AdminApi.details(rejected).get("reason"));
        assertThat(reason).contains("nonce");
        assertThat(reason).doesNotContain(nonce);
        List<String> logged = env.keycloak().logTail(300).lines()
                .filter(line -> line.contains("dap_presentation_rejected")).toList();
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(nonce));
        assertThat(env.keycloak().logTail(300)).doesNotContain(nonce);
    }

    @Test
    void anUnlinkedIdentityIsRecordedByItsCheckAndNotByTheName(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);
        env.dap().approve(DapPhone.scan(qr), UNLINKED_IDENTITY);

        assertThat(DapJourney.refresh(browser, qr).text()).contains(LOGIN_FAILED);

        List<Map<String, Object>> events = env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null);
        assertThat(events).anySatisfy(event -> assertThat(event.get("error")).isEqualTo("dap_identity_not_linked"));
        assertThat(events.toString()).doesNotContain("Szabó").doesNotContain("Péter");
        assertThat(env.admin().events("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR", null).toString()).doesNotContain("Szabó");
        assertThat(env.keycloak().logTail(300)).doesNotContain("Szabó").doesNotContain("DEV-000003");
    }

}
