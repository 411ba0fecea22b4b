package hu.ugyfelportal.keycloak.dap.protocol;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureVerifierContext;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.util.JsonSerialization;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationRequestTest {

    private static DevCertificates.KeyAndCertificate ours;
    private static VerifierIdentity verifier;

    @BeforeAll
    static void makeOurKey() {
        CryptoIntegration.init(AuthorizationRequestTest.class.getClassLoader());
        ours = DevCertificates.selfSigned("Ügyfélportál", "portal.example.hu");
        verifier = VerifierIdentity.fromPem(ours.privateKeyPem(), ours.certificatePem(), ClientIdPrefix.X509_SAN_DNS);
    }

    @Test
    void clientIdIsTheCertificatesDnsNameWithTheX509Prefix() {
        assertThat(verifier.clientId()).isEqualTo("x509_san_dns:portal.example.hu");
    }

    @Test
    void withX509HashTheClientIdIsTheBase64UrlSha256OfTheLeafCertificate() throws Exception {
        VerifierIdentity hashed = VerifierIdentity.fromPem(ours.privateKeyPem(), ours.certificatePem(), ClientIdPrefix.X509_HASH);
        String expected = "x509_hash:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(ours.certificate().getEncoded()));

        assertThat(hashed.clientId()).isEqualTo(expected).doesNotContain("=", "+", "/");
        DevCertificates.KeyAndCertificate noName = DevCertificates.selfSigned("No name", null);
        assertThat(VerifierIdentity.fromPem(noName.privateKeyPem(), noName.certificatePem(), ClientIdPrefix.X509_HASH)
                .clientId()).as("x509_hash needs no DNS name").startsWith("x509_hash:");
    }

    @Test
    void requestObjectIsSignedWithOurKeyAndCarriesOurChain() throws Exception {
        JWSInput jws = new JWSInput(request("wallet-nonce-1").signedRequestObject(verifier));

        assertThat(jws.getHeader().getType()).isEqualTo("oauth-authz-req+jwt");
        assertThat(jws.getHeader().getRawAlgorithm()).isEqualTo("ES256");
        assertThat(jws.getHeader().getX5c()).containsExactly(Base64.getEncoder().encodeToString(ours.certificate().getEncoded()));
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES256);
        key.setPublicKey(ours.certificate().getPublicKey());
        assertThat(new ECDSASignatureVerifierContext(key).verify(
                jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII), jws.getSignature())).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestObjectAsksForAVpTokenByDirectPostWithADcqlQueryForThePid() throws Exception {
        Map<String, Object> claims = new JWSInput(request("wallet-nonce-1").signedRequestObject(verifier))
                .readJsonContent(Map.class);

        assertThat(claims).containsEntry("client_id", "x509_san_dns:portal.example.hu")
                .containsEntry("response_type", "vp_token")
                .containsEntry("response_mode", "direct_post")
                .containsEntry("response_uri", "https://portal.example.hu/dap/response")
                .containsEntry("nonce", "nonce-1")
                .containsEntry("state", "state-1")
                .containsEntry("wallet_nonce", "wallet-nonce-1");
        Map<String, Object> credential = ((List<Map<String, Object>>) ((Map<String, Object>) claims.get("dcql_query"))
                .get("credentials")).get(0);
        assertThat(credential).containsEntry("id", "pid").containsEntry("format", "dc+sd-jwt")
                .containsEntry("meta", Map.of("vct_values", List.of("urn:eudi:pid:1")))
                .containsEntry("claims", List.of(Map.of("path", List.of("family_name")), Map.of("path", List.of("given_name"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void noWalletNonceWhenTheWalletSentNone() throws Exception {
        Map<String, Object> claims = new JWSInput(request(null).signedRequestObject(verifier)).readJsonContent(Map.class);

        assertThat(claims).doesNotContainKey("wallet_nonce");
    }

    @Test
    void theTrustAnchorIsLeftOutOfX5cAndIntermediatesStay() throws Exception {
        DevCertificates.KeyAndCertificate root = DevCertificates.certificateAuthority("Root", null);
        DevCertificates.KeyAndCertificate intermediate = DevCertificates.certificateAuthority("Intermediate", root);
        VerifierIdentity chained = new VerifierIdentity(ours.keys().getPrivate(),
                List.of(ours.certificate(), intermediate.certificate(), root.certificate()), ClientIdPrefix.X509_SAN_DNS);

        JWSInput jws = new JWSInput(request(null).signedRequestObject(chained));

        assertThat(jws.getHeader().getX5c()).containsExactly(
                Base64.getEncoder().encodeToString(ours.certificate().getEncoded()),
                Base64.getEncoder().encodeToString(intermediate.certificate().getEncoded()));
        assertThat(verifier.x5c()).as("a lone self-signed development certificate stays").containsExactly(ours.certificate());
    }

    @Test
    void refusesToSignForAnotherClientId() {
        AuthorizationRequest foreign = new AuthorizationRequest("x509_san_dns:other.example.hu",
                "https://other.example.hu/r", ResponseMode.DIRECT_POST, null, "n", "s", "urn:eudi:pid:1", List.of("family_name"),
                Instant.now(), Instant.now().plusSeconds(60), null, AuthorizationRequest.SELF_ISSUED_AUDIENCE);

        assertThatThrownBy(() -> foreign.signedRequestObject(verifier)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCertificateWithoutDnsNameCannotSignRequests() {
        DevCertificates.KeyAndCertificate noName = DevCertificates.selfSigned("No name", null);

        assertThatThrownBy(() -> VerifierIdentity.fromPem(noName.privateKeyPem(), noName.certificatePem(), ClientIdPrefix.X509_SAN_DNS))
                .hasMessageContaining("DNS subjectAltName");
    }

    @Test
    void pemWithoutLineBreaksAsFromAnEnvironmentVariableIsRead() {
        String oneLine = ours.certificatePem().replace("\n", "");

        assertThat(Pem.certificates(oneLine)).containsExactly(ours.certificate());
    }

    @Test
    void qrContentIsARequestByReferenceWithPostMethod() {
        String uri = WalletInvocation.uri("openid4vp://", verifier.clientId(),
                "https://portal.example.hu/realms/x/broker/dap/endpoint/request/abc");

        assertThat(uri).isEqualTo("openid4vp://?client_id=x509_san_dns%3Aportal.example.hu"
                + "&request_uri=https%3A%2F%2Fportal.example.hu%2Frealms%2Fx%2Fbroker%2Fdap%2Fendpoint%2Frequest%2Fabc"
                + "&request_uri_method=post");
    }

    @Test
    void qrSchemeMayBeAWalletsHttpsLink() {
        assertThat(WalletInvocation.uri("https://wallet.example/authorize", "c", "r"))
                .startsWith("https://wallet.example/authorize/?client_id=c&request_uri=r");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEncryptedResponseModeCarriesOurEncryptionKeyAndContentEncryptionsInClientMetadata() throws Exception {
        ResponseEncryptionKey key = ResponseEncryptionKey.generate("kid-1", ResponseEncryptionKey.CONTENT_ENCRYPTIONS);
        Map<String, Object> claims = new JWSInput(request(ResponseMode.DIRECT_POST_JWT, key, "w")
                .signedRequestObject(verifier)).readJsonContent(Map.class);

        assertThat(claims).containsEntry("response_mode", "direct_post.jwt");
        Map<String, Object> metadata = (Map<String, Object>) claims.get("client_metadata");
        assertThat(metadata).containsEntry("encrypted_response_enc_values_supported", List.of("A128GCM", "A256GCM"))
                .containsKey("vp_formats_supported");
        Map<String, Object> jwk = ((List<Map<String, Object>>) ((Map<String, Object>) metadata.get("jwks")).get("keys")).get(0);
        assertThat(jwk).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("use", "enc")
                .containsEntry("alg", "ECDH-ES").containsEntry("kid", "kid-1").containsKeys("x", "y")
                .doesNotContainKey("d");
        assertThat(JWKParser.create().parse(JsonSerialization.writeValueAsString(jwk)).toPublicKey())
                .isEqualTo(key.publicKey());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPlainResponseModeCarriesClientMetadataWithTheFormatsOnly() throws Exception {
        Map<String, Object> claims = new JWSInput(request("w").signedRequestObject(verifier)).readJsonContent(Map.class);

        assertThat((Map<String, Object>) claims.get("client_metadata")).containsOnlyKeys("vp_formats_supported")
                .containsEntry("vp_formats_supported", Map.of("dc+sd-jwt", Map.of(
                        "sd-jwt_alg_values", List.of("ES256"), "kb-jwt_alg_values", List.of("ES256"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAnnouncedFormatsAreTheAlgorithmsThePresentationVerifierAccepts() throws Exception {
        ResponseEncryptionKey key = ResponseEncryptionKey.generate("kid-1", ResponseEncryptionKey.CONTENT_ENCRYPTIONS);
        Map<String, Object> claims = new JWSInput(request(ResponseMode.DIRECT_POST_JWT, key, "w")
                .signedRequestObject(verifier)).readJsonContent(Map.class);

        Map<String, Object> sdJwtVc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                claims.get("client_metadata")).get("vp_formats_supported")).get("dc+sd-jwt");
        assertThat(sdJwtVc.get("sd-jwt_alg_values")).isEqualTo(PresentationVerifier.ISSUER_SIGNED_JWT_ALGORITHMS);
        assertThat(sdJwtVc.get("kb-jwt_alg_values")).isEqualTo(PresentationVerifier.KEY_BINDING_JWT_ALGORITHMS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRequestObjectCarriesEveryOid4vpParameterWithItsValue() throws Exception {
        Map<String, Object> claims = new JWSInput(request("w").signedRequestObject(verifier)).readJsonContent(Map.class);

        assertThat(claims.keySet()).containsExactlyInAnyOrder("iss", "aud", "client_id", "response_type", "response_mode",
                "response_uri", "client_metadata", "nonce", "state", "dcql_query", "iat", "exp", "wallet_nonce");
        assertThat(claims).containsEntry("aud", "https://self-issued.me/v2").containsEntry("iss", verifier.clientId());
        assertThat(((Number) claims.get("exp")).longValue()).isGreaterThan(((Number) claims.get("iat")).longValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAudienceIsTheOneAgreedWithTheWallet() throws Exception {
        Instant now = Instant.now();
        AuthorizationRequest request = new AuthorizationRequest(verifier.clientId(), "https://portal.example.hu/dap/response",
                ResponseMode.DIRECT_POST, null, "n", "s", "urn:eudi:pid:1", List.of("family_name"), now,
                now.plusSeconds(60), null, "https://wallet.example/issuer");

        assertThat(new JWSInput(request.signedRequestObject(verifier)).readJsonContent(Map.class))
                .containsEntry("aud", "https://wallet.example/issuer");
    }

    @Test
    void anEncryptionKeyGoesWithTheEncryptedResponseModeOnly() {
        ResponseEncryptionKey key = ResponseEncryptionKey.generate("kid-1", ResponseEncryptionKey.CONTENT_ENCRYPTIONS);

        assertThatThrownBy(() -> request(ResponseMode.DIRECT_POST_JWT, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request(ResponseMode.DIRECT_POST, key, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static AuthorizationRequest request(String walletNonce) {
        return request(ResponseMode.DIRECT_POST, null, walletNonce);
    }

    private static AuthorizationRequest request(ResponseMode mode, ResponseEncryptionKey key, String walletNonce) {
        Instant now = Instant.now();
        return new AuthorizationRequest(verifier.clientId(), "https://portal.example.hu/dap/response", mode, key,
                "nonce-1", "state-1", "urn:eudi:pid:1", List.of("family_name", "given_name"), now, now.plusSeconds(120),
                walletNonce, AuthorizationRequest.SELF_ISSUED_AUDIENCE);
    }
}
