package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DapSubjectTest {

    private static final DapConfig CONFIG = DapConfig.from(Map.of());
    private static final byte[] KEY = "an installation secret of 32 bytes or more".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EARLIER_KEY = "the realm key used before the vault's one".getBytes(StandardCharsets.UTF_8);
    private static final DapPseudonymKeys KEYS = new DapPseudonymKeys(KEY, List.of());
    private static final String INPUT = "urn:eudi:pid:1\npersonal_administrative_number=DEV-000001";

    @Test
    void theSamePersonAlwaysGetsTheSamePseudonymWhichIsNotTheirIdentifier() throws Exception {
        String first = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001", "given_name", "János"), KEYS).pseudonym();
        String again = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001", "given_name", "Jani"), KEYS).pseudonym();

        assertThat(first).isEqualTo(again).doesNotContain("DEV-000001").hasSize(43);
        assertThat(DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000002"), KEYS).pseudonym())
                .isNotEqualTo(first);
    }

    @Test
    void thePseudonymIsTheKeyedHashNotTheUnkeyedOneWhichStaysAnEarlierForm() throws Exception {
        DapSubject subject = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001"), KEYS);

        assertThat(subject.pseudonym()).isEqualTo(hmac(KEY)).isNotEqualTo(unkeyed());
        assertThat(subject.earlierForms()).containsExactly(unkeyed());
    }

    @Test
    void anotherKeyGivesAnotherPseudonymAndAnEarlierKeyStaysAnEarlierForm() throws Exception {
        DapSubject subject = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001"),
                new DapPseudonymKeys(KEY, List.of(EARLIER_KEY)));

        assertThat(hmac(EARLIER_KEY)).isNotEqualTo(hmac(KEY));
        assertThat(subject.earlierForms()).containsExactly(hmac(EARLIER_KEY), unkeyed());
    }

    @Test
    void aPresentationWithoutTheSubjectClaimIsRefused() {
        assertThatThrownBy(() -> DapSubject.of(CONFIG, Map.of("family_name", "Kovács"), KEYS))
                .isInstanceOf(PresentationRejectedException.class)
                .hasMessageContaining("personal_administrative_number");
    }

    private static String hmac(byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(INPUT.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the first release stored: base64url(SHA-256(input)). */
    private static String unkeyed() throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(INPUT.getBytes(StandardCharsets.UTF_8)));
    }
}
