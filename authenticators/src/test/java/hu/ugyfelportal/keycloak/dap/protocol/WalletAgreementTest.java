package hu.ugyfelportal.keycloak.dap.protocol;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.KeyUse;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwk.JWKBuilder;
import org.keycloak.util.JsonSerialization;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a wallet's {@code wallet_metadata} (OID4VP 1.0 §5.10, §10.1) shapes our request, or why it is refused. */
class WalletAgreementTest {

    private static final String TYPICAL_FORMATS = "\"vp_formats_supported\":{\"dc+sd-jwt\":"
            + "{\"sd-jwt_alg_values\":[\"ES256\",\"ES384\"],\"kb-jwt_alg_values\":[\"ES256\"]}}";

    @BeforeAll
    static void crypto() {
        CryptoIntegration.init(WalletAgreementTest.class.getClassLoader());
    }

    @Test
    void aWalletThatSaidNothingGetsAllWeOffer() throws Exception {
        WalletAgreement agreement = WalletAgreement.of(WalletMetadata.parse(null), ResponseMode.DIRECT_POST_JWT, ClientIdPrefix.X509_SAN_DNS);

        assertThat(agreement.audience()).isEqualTo("https://self-issued.me/v2");
        assertThat(agreement.responseEncryptions()).containsExactly("A128GCM", "A256GCM");
        assertThat(agreement.requestEncryption()).isNull();
        assertThat(WalletAgreement.of(WalletMetadata.NONE, ResponseMode.DIRECT_POST, ClientIdPrefix.X509_SAN_DNS).responseEncryptions()).isEmpty();
    }

    @Test
    void theAnswersContentEncryptionIsWhatBothSidesSupport() throws Exception {
        WalletAgreement agreement = agree("{" + TYPICAL_FORMATS + ",\"authorization_encryption_alg_values_supported\":"
                + "[\"ECDH-ES\"],\"authorization_encryption_enc_values_supported\":[\"A256GCM\",\"A128CBC-HS256\"]}");

        assertThat(agreement.responseEncryptions()).containsExactly("A256GCM");
    }

    @Test
    void noContentEncryptionOrKeyAgreementInCommonIsRefused() {
        assertUnsupported("{\"authorization_encryption_enc_values_supported\":[\"A128CBC-HS256\"]}", "invalid_request",
                "no response encryption enc");
        assertUnsupported("{\"authorization_encryption_alg_values_supported\":[\"RSA-OAEP-256\"]}", "invalid_request",
                "response encryption alg ECDH-ES");
    }

    @Test
    void aPlainResponseModeIgnoresTheWalletsEncryptionLists() throws Exception {
        WalletAgreement agreement = WalletAgreement.of(WalletMetadata.parse(
                "{\"authorization_encryption_enc_values_supported\":[\"A128CBC-HS256\"]}"), ResponseMode.DIRECT_POST,
                ClientIdPrefix.X509_SAN_DNS);

        assertThat(agreement.responseEncryptions()).isEmpty();
    }

    @Test
    void aWalletWithoutSdJwtVcOrWithoutOurAlgorithmsGetsVpFormatsNotSupported() {
        assertUnsupported("{\"vp_formats_supported\":{\"mso_mdoc\":{}}}", "vp_formats_not_supported", "no dc+sd-jwt");
        assertUnsupported("{\"vp_formats_supported\":{\"dc+sd-jwt\":{\"sd-jwt_alg_values\":[\"EdDSA\"]}}}",
                "vp_formats_not_supported", "sd-jwt_alg_values has none of [ES256]");
        assertUnsupported("{\"vp_formats_supported\":{\"dc+sd-jwt\":{\"kb-jwt_alg_values\":[\"ES384\"]}}}",
                "vp_formats_not_supported", "kb-jwt_alg_values has none of [ES256]");
    }

    @Test
    void aWalletThatCannotVerifyEs256RequestObjectsIsRefused() {
        assertUnsupported("{\"request_object_signing_alg_values_supported\":[\"RS256\"]}", "invalid_request",
                "request object signing alg ES256");
    }

    @Test
    void aWalletWithoutOurClientIdentifierPrefixOrResponseModeIsRefused() {
        assertUnsupported("{\"client_id_prefixes_supported\":[\"x509_hash\"]}", "invalid_request",
                "client identifier prefix x509_san_dns");
        assertUnsupported("{\"response_modes_supported\":[\"direct_post\"]}", "invalid_request",
                "response mode direct_post.jwt");
        assertThatThrownBy(() -> WalletAgreement.of(WalletMetadata.parse("{\"client_id_prefixes_supported\":[\"x509_san_dns\"]}"),
                ResponseMode.DIRECT_POST_JWT, ClientIdPrefix.X509_HASH)).hasMessageContaining("client identifier prefix x509_hash");
    }

    @Test
    void aTypicalWalletIsAgreedWithAndUnknownMembersAreIgnored() throws Exception {
        WalletAgreement agreement = agree("{" + TYPICAL_FORMATS + ",\"request_object_signing_alg_values_supported\":[\"ES256\"],"
                + "\"client_id_prefixes_supported\":[\"x509_san_dns\"],\"response_modes_supported\":[\"direct_post.jwt\"],"
                + "\"response_types_supported\":[\"vp_token\"],\"something_new\":{\"x\":1}}");

        assertThat(agreement.responseEncryptions()).containsExactly("A128GCM", "A256GCM");
    }

    @Test
    void theWalletsIssuerBecomesTheAudience() throws Exception {
        assertThat(agree("{\"issuer\":\"https://wallet.example\"}").audience()).isEqualTo("https://wallet.example");
    }

    @Test
    void aWalletThatPublishesAKeyGetsTheRequestObjectEncryptedToIt() throws Exception {
        KeyPair walletKey = p256();
        String jwk = JsonSerialization.writeValueAsString(JWKBuilder.create().kid("w-1").algorithm("ECDH-ES")
                .ec(walletKey.getPublic(), KeyUse.ENC));
        WalletAgreement agreement = agree("{\"jwks\":{\"keys\":[" + jwk + "]},"
                + "\"request_object_encryption_alg_values_supported\":[\"ECDH-ES\"],"
                + "\"request_object_encryption_enc_values_supported\":[\"A128CBC-HS256\",\"A128GCM\"]}");

        String encrypted = agreement.requestEncryption().encrypt("header.payload.signature");

        JWE jwe = new JWE(encrypted);
        JWEHeader header = (JWEHeader) jwe.getHeader();
        assertThat(header.getAlgorithm()).isEqualTo("ECDH-ES");
        assertThat(header.getEncryptionAlgorithm()).isEqualTo("A128GCM");
        assertThat(header.getContentType()).isEqualTo("JWT");
        assertThat(header.getKeyId()).isEqualTo("w-1");
        jwe.getKeyStorage().setDecryptionKey(walletKey.getPrivate());
        jwe.verifyAndDecodeJwe();
        assertThat(new String(jwe.getContent(), StandardCharsets.US_ASCII)).isEqualTo("header.payload.signature");
    }

    @Test
    void aWalletThatAsksForEncryptionWithNoKeyOrAlgorithmWeCanUseIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaKey = JsonSerialization.writeValueAsString(JWKBuilder.create().kid("r").rsa(rsa.generateKeyPair().getPublic(), KeyUse.ENC));
        String ecKey = JsonSerialization.writeValueAsString(JWKBuilder.create().kid("e").ec(p256().getPublic(), KeyUse.ENC));

        assertUnsupported("{\"jwks\":{\"keys\":[" + rsaKey + "]}}", "invalid_request", "no EC P-256 key");
        String offCurve = ecKey.replaceAll("\"y\":\"[^\"]+\"", "\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE\"");
        assertThatThrownBy(() -> agree("{\"jwks\":{\"keys\":[" + offCurve + "]}}"))
                .isInstanceOfSatisfying(WalletMetadataException.class, e -> assertThat(e.malformed()).isTrue())
                .hasMessageContaining("not a valid P-256 public key");
        assertUnsupported("{\"jwks\":{\"keys\":[" + ecKey + "]},\"request_object_encryption_enc_values_supported\":[\"A128CBC-HS256\"]}",
                "invalid_request", "no request object enc");
        assertUnsupported("{\"jwks\":{\"keys\":[" + ecKey + "]},\"request_object_encryption_alg_values_supported\":[\"RSA-OAEP\"]}",
                "invalid_request", "request object encryption alg ECDH-ES");
    }

    @Test
    void malformedMetadataIsRefusedAsMalformed() {
        for (String malformed : List.of("not json", "[\"dc+sd-jwt\"]", "{\"vp_formats_supported\":[\"dc+sd-jwt\"]}",
                "{\"vp_formats_supported\":{\"dc+sd-jwt\":\"ES256\"}}",
                "{\"vp_formats_supported\":{\"dc+sd-jwt\":{\"sd-jwt_alg_values\":\"ES256\"}}}",
                "{\"request_object_signing_alg_values_supported\":[\"ES256\",7]}", "{\"jwks\":{\"keys\":{}}}",
                "{\"jwks\":{\"keys\":[{\"x\":1}]}}", "{\"issuer\":42}", "{\"a\":\"" + "x".repeat(WalletMetadata.MAX_LENGTH) + "\"}")) {
            assertThatThrownBy(() -> agree(malformed)).as(malformed.substring(0, Math.min(60, malformed.length())))
                    .isInstanceOfSatisfying(WalletMetadataException.class, e -> {
                        assertThat(e.malformed()).isTrue();
                        assertThat(e.oauthError()).isEqualTo("invalid_request");
                        assertThat(e.getMessage()).startsWith("wallet_metadata ");
                    });
        }
    }

    private static WalletAgreement agree(String walletMetadata) throws WalletMetadataException {
        return WalletAgreement.of(WalletMetadata.parse(walletMetadata), ResponseMode.DIRECT_POST_JWT, ClientIdPrefix.X509_SAN_DNS);
    }

    private static void assertUnsupported(String walletMetadata, String error, String reason) {
        assertThatThrownBy(() -> agree(walletMetadata)).isInstanceOfSatisfying(WalletMetadataException.class, e -> {
            assertThat(e.malformed()).isFalse();
            assertThat(e.oauthError()).isEqualTo(error);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
