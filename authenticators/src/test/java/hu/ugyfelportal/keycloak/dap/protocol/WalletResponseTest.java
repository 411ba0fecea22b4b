package hu.ugyfelportal.keycloak.dap.protocol;

import hu.ugyfelportal.dapsimulator.ResponseEncryption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.util.JsonSerialization;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the wallet's answer in each response mode, and decrypting {@code direct_post.jwt} with Keycloak's JWE code. */
class WalletResponseTest {

    private static final String STATE = "state-1";
    private static final Map<String, Object> VP_TOKEN = Map.of("pid", List.of("eyJ...~kb"));

    private static ResponseEncryptionKey key;

    @BeforeAll
    static void key() {
        CryptoIntegration.init(WalletResponseTest.class.getClassLoader());
        key = ResponseEncryptionKey.generate("kid-1", ResponseEncryptionKey.CONTENT_ENCRYPTIONS);
    }

    @Test
    void decryptsTheWalletsJweEncryptedToTheOfferedKey() throws Exception {
        for (String enc : ResponseEncryptionKey.CONTENT_ENCRYPTIONS) {
            String jwe = new ResponseEncryption(key.publicKey(), "kid-1", enc).encrypt(Map.of("vp_token", VP_TOKEN, "state", STATE));

            WalletResponse answer = encrypted(jwe);

            assertThat(answer.declined()).isFalse();
            assertThat(JsonSerialization.readValue(answer.vpToken(), Map.class)).isEqualTo(VP_TOKEN);
        }
    }

    @Test
    void theWalletFindsOurKeyAndContentEncryptionInClientMetadata() throws Exception {
        Map<String, Object> metadata = JsonSerialization.readValue(JsonSerialization.writeValueAsString(VerifierMetadata.clientMetadata(key)), Map.class);
        ResponseEncryption wallet = ResponseEncryption.of(metadata);

        assertThat(wallet.keyId()).isEqualTo("kid-1");
        assertThat(wallet.contentEncryption()).isEqualTo("A128GCM");
        assertThat(encrypted(wallet.encrypt(Map.of("vp_token", VP_TOKEN, "state", STATE))).vpToken()).contains("eyJ...~kb");
    }

    @Test
    void refusesATamperedCiphertext() {
        String jwe = walletJwe(Map.of("vp_token", VP_TOKEN, "state", STATE));
        String[] parts = jwe.split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);

        assertRefused(String.join(".", parts), "cannot be decrypted");
    }

    @Test
    void refusesAJweEncryptedToAnotherKeyUnderOurKid() {
        ResponseEncryptionKey other = ResponseEncryptionKey.generate("kid-1", ResponseEncryptionKey.CONTENT_ENCRYPTIONS);
        String jwe = new ResponseEncryption(other.publicKey(), "kid-1", JWEConstants.A128GCM)
                .encrypt(Map.of("vp_token", VP_TOKEN, "state", STATE));

        assertRefused(jwe, "cannot be decrypted");
    }

    @Test
    void refusesAJweForAnotherKid() {
        String jwe = new ResponseEncryption(key.publicKey(), "kid-2", JWEConstants.A128GCM)
                .encrypt(Map.of("vp_token", VP_TOKEN, "state", STATE));

        assertRefused(jwe, "kid");
    }

    @Test
    void refusesAContentEncryptionWeDidNotOffer() {
        String jwe = new ResponseEncryption(key.publicKey(), "kid-1", JWEConstants.A128CBC_HS256)
                .encrypt(Map.of("vp_token", VP_TOKEN, "state", STATE));

        assertRefused(jwe, "enc A128CBC-HS256 was not offered");
    }

    @Test
    void refusesAKeyManagementAlgorithmWeDidNotOffer() throws Exception {
        JWE jwe = new JWE().header(JWEHeader.builder().algorithm(JWEConstants.ECDH_ES_A128KW)
                        .encryptionAlgorithm(JWEConstants.A128GCM).keyId("kid-1").build())
                .content(JsonSerialization.writeValueAsBytes(Map.of("vp_token", VP_TOKEN, "state", STATE)));
        jwe.getKeyStorage().setEncryptionKey(key.publicKey());

        assertRefused(jwe.encodeJwe(), "alg ECDH-ES+A128KW was not offered");
    }

    @Test
    void refusesAnEncryptedAnswerForAnotherState() {
        assertRefused(walletJwe(Map.of("vp_token", VP_TOKEN, "state", "state-of-another-login")), "state");
    }

    @Test
    void refusesSomethingThatIsNotAJwe() {
        assertRefused("not.a.jwe", "not a compact JWE");
        assertThatThrownBy(() -> ResponseEncryptionKey.keyIdOf("garbage")).isInstanceOf(PresentationRejectedException.class);
    }

    @Test
    void refusesAPlainVpTokenWhereAnEncryptedResponseWasRequested() {
        assertThatThrownBy(() -> WalletResponse.read(ResponseMode.DIRECT_POST_JWT, key, STATE,
                new WalletResponse.Form(STATE, "{\"pid\":[\"x\"]}", null, null)))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining("plain vp_token");
    }

    @Test
    void refusesAnEncryptedResponseWhereAPlainOneWasRequested() {
        String jwe = walletJwe(Map.of("vp_token", VP_TOKEN, "state", STATE));

        assertThatThrownBy(() -> WalletResponse.read(ResponseMode.DIRECT_POST, null, STATE,
                new WalletResponse.Form(null, null, null, jwe)))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining("encrypted response posted");
    }

    @Test
    void readsAPlainVpTokenInThePlainMode() throws Exception {
        WalletResponse answer = WalletResponse.read(ResponseMode.DIRECT_POST, null, STATE,
                new WalletResponse.Form(STATE, "{\"pid\":[\"x\"]}", null, null));

        assertThat(answer.vpToken()).isEqualTo("{\"pid\":[\"x\"]}");
    }

    @Test
    void aDeclineIsReadEncryptedOrPlainInEitherMode() throws Exception {
        assertThat(encrypted(walletJwe(Map.of("error", "access_denied", "state", STATE))).error()).isEqualTo("access_denied");
        for (ResponseMode mode : ResponseMode.values()) {
            assertThat(WalletResponse.read(mode, key, STATE, new WalletResponse.Form(STATE, null, "access_denied", null))
                    .declined()).isTrue();
        }
    }

    private static String walletJwe(Map<String, Object> parameters) {
        return new ResponseEncryption(key.publicKey(), "kid-1", JWEConstants.A256GCM).encrypt(parameters);
    }

    private static WalletResponse encrypted(String jwe) throws PresentationRejectedException {
        return WalletResponse.read(ResponseMode.DIRECT_POST_JWT, key, STATE, new WalletResponse.Form(null, null, null, jwe));
    }

    private static void assertRefused(String jwe, String reason) {
        assertThatThrownBy(() -> encrypted(jwe)).isInstanceOf(PresentationRejectedException.class).hasMessageContaining(reason);
    }
}
