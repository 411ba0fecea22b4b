package hu.ugyfelportal.it.dap;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.TestVault;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DÁP identity Keycloak stores for a link is an HMAC-SHA-256 under the installation's vault secret, not the
 * unkeyed hash of the national identifier that anyone could reverse by trying its few possible values; a link stored
 * the old way logs in once and is then moved; and what the link is called (the account console shows it, events carry
 * it) is words with a date, never the pseudonym.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapPseudonymIT {

    /** {@code dap.linkName} of either language; Keycloak keeps a broker username in lower case. */
    private static final String LINKED_NAME = "(összekötve|linked on) \\d{4}-\\d{2}-\\d{2}";

    @Test
    void aNewLinkIsStoredUnderTheKeyedPseudonymAndNamedInWords(TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("dap-pseudonym");
        String userId = DapJourney.customer(env, email);

        assertThat(DapJourney.link(env, email, "juhasz-mate").isPortalRedirect()).as("linked").isTrue();

        Map<String, Object> link = dapLink(env, userId);
        assertThat(link.get("userId")).isEqualTo(keyed("DEV-000020")).isNotEqualTo(unkeyed("DEV-000020"));
        assertThat((String) link.get("userName")).matches(LINKED_NAME);
        assertThat(env.admin().events("FEDERATED_IDENTITY_LINK", userId)).isNotEmpty().allSatisfy(event ->
                assertThat(AdminApi.details(event).toString()).doesNotContain(keyed("DEV-000020"), "DEV-000020"));
    }

    @Test
    void aLinkStoredUnderTheUnkeyedHashLogsInOnceAndIsThenMoved(TestEnvironment env) throws Exception {
        String email = AdminApi.uniqueEmail("dap-old-link");
        String userId = DapJourney.customer(env, email);
        String old = unkeyed("DEV-000021");
        // What the first release stored: the unkeyed hash as the identity and as its name.
        env.admin().call("POST", "/users/" + userId + "/federated-identity/dap",
                Map.of("identityProvider", "dap", "userId", old, "userName", old)).expect(204);

        assertThat(DapJourney.logsIn(env, "olah-lili")).as("the old link logs in").isTrue();

        Map<String, Object> moved = dapLink(env, userId);
        assertThat(moved.get("userId")).isEqualTo(keyed("DEV-000021"));
        assertThat((String) moved.get("userName")).matches(LINKED_NAME);
        assertThat(DapJourney.logsIn(env, "olah-lili")).as("and again, under the keyed pseudonym").isTrue();
        assertThat(dapLink(env, userId)).isEqualTo(moved);
    }

    private static Map<String, Object> dapLink(TestEnvironment env, String userId) {
        List<Map<String, Object>> links = env.admin().get("/users/" + userId + "/federated-identity",
                new TypeReference<>() {
                });
        assertThat(links).hasSize(1);
        return links.get(0);
    }

    private static String keyed(String personalAdministrativeNumber) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestVault.pseudonymKey(), "HmacSHA256"));
        return encode(mac.doFinal(input(personalAdministrativeNumber)));
    }

    private static String unkeyed(String personalAdministrativeNumber) throws Exception {
        return encode(MessageDigest.getInstance("SHA-256").digest(input(personalAdministrativeNumber)));
    }

    private static byte[] input(String personalAdministrativeNumber) {
        return ("urn:eudi:pid:1\npersonal_administrative_number=" + personalAdministrativeNumber)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
