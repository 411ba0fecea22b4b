package hu.ugyfelportal.dapsimulator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated wallet checks a verifier's signed request object as a real wallet must before it shows anything. */
class WalletTest {

    private static DevCertificates.KeyAndCertificate verifier;
    private static DevCertificates.KeyAndCertificate stranger;

    private HttpServer server;
    private Function<Map<String, Object>, String> answer;
    private String method;
    private Map<String, String> form;
    private final Wallet wallet = new Wallet(new PidIssuer("https://pid.example"));

    @BeforeAll
    static void keys() {
        CryptoIntegration.init(WalletTest.class.getClassLoader());
        verifier = DevCertificates.selfSigned("verifier", "127.0.0.1");
        stranger = DevCertificates.selfSigned("stranger", "127.0.0.1");
    }

    @BeforeEach
    void startVerifier() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/request", exchange -> {
            method = exchange.getRequestMethod();
            form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                if (!pair.isEmpty()) {
                    String[] nameValue = pair.split("=", 2);
                    form.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
                }
            }
            byte[] body = answer.apply(claims(form.get("wallet_nonce"))).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopVerifier() {
        server.stop(0);
    }

    @Test
    void readsWhoAsksForWhatFromAProperlySignedRequest() {
        answer = claims -> sign(claims, verifier, verifier.certificate());

        VerifierRequest request = wallet.fetch(invocation());

        assertThat(request.clientId()).isEqualTo("x509_san_dns:127.0.0.1");
        assertThat(request.claims()).containsExactly("family_name", "given_name");
        assertThat(request.vct()).isEqualTo(PidIssuer.PID_VCT);
        assertThat(request.verifierName()).contains("CN=verifier");
    }

    @Test
    void refusesARequestSignedByAnotherKeyThanItsCertificate() {
        answer = claims -> sign(claims, stranger, verifier.certificate());

        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void refusesAClientIdThatIsNotTheCertificatesDnsName() {
        answer = claims -> {
            claims.put("client_id", "x509_san_dns:bank.example");
            return sign(claims, verifier, verifier.certificate());
        };

        assertThatThrownBy(() -> wallet.fetch(invocation("x509_san_dns:bank.example"))).isInstanceOf(WalletException.class)
                .hasMessageContaining("not an x509_san_dns name of the signing certificate");
        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("differs from the QR's");
    }

    @Test
    void acceptsAnX509HashClientIdOnlyWhenItIsTheHashOfTheSigningCertificate() throws Exception {
        String hash = "x509_hash:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.certificate().getEncoded()));
        answer = claims -> {
            claims.put("client_id", hash);
            return sign(claims, verifier, verifier.certificate());
        };

        assertThat(wallet.fetch(invocation(hash)).clientId()).isEqualTo(hash);
        answer = claims -> {
            claims.put("client_id", "x509_hash:bm90LXRoZS1oYXNo");
            return sign(claims, verifier, verifier.certificate());
        };
        assertThatThrownBy(() -> wallet.fetch(invocation("x509_hash:bm90LXRoZS1oYXNo")))
                .isInstanceOf(WalletException.class).hasMessageContaining("not the x509_hash");
    }

    @Test
    void refusesARequestThatDoesNotEchoTheWalletNonce() {
        answer = claims -> {
            claims.remove("wallet_nonce");
            return sign(claims, verifier, verifier.certificate());
        };

        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("wallet_nonce");
    }

    @Test
    void readsTheEncryptionKeyOfAnEncryptedResponseMode() {
        Map<String, Object> jwk = Map.of("kty", "EC", "crv", "P-256", "use", "enc", "alg", "ECDH-ES", "kid", "k1",
                "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
        answer = claims -> {
            claims.put("response_mode", "direct_post.jwt");
            claims.put("client_metadata", Map.of("vp_formats_supported", Map.of("dc+sd-jwt", Map.of()), "jwks", Map.of("keys", List.of(jwk)),
                    "encrypted_response_enc_values_supported", List.of("A256GCM")));
            return sign(claims, verifier, verifier.certificate());
        };

        VerifierRequest request = wallet.fetch(invocation());

        assertThat(request.encryption().keyId()).isEqualTo("k1");
        assertThat(request.encryption().contentEncryption()).isEqualTo("A256GCM");
    }

    @Test
    void refusesAnEncryptedResponseModeWithoutAKeyToEncryptTo() {
        answer = claims -> {
            claims.put("response_mode", "direct_post.jwt");
            claims.put("client_metadata", Map.of("vp_formats_supported", Map.of("dc+sd-jwt", Map.of())));
            return sign(claims, verifier, verifier.certificate());
        };

        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("client_metadata.jwks");
    }

    @Test
    void fetchesByGetWithoutWalletNonceOrMetadataLikeAWalletWithoutThePostMethod() {
        answer = claims -> sign(claims, verifier, verifier.certificate());

        VerifierRequest request = wallet.fetch(invocation(), RequestFetch.GET);

        assertThat(method).isEqualTo("GET");
        assertThat(form).isEmpty();
        assertThat(request.clientId()).isEqualTo("x509_san_dns:127.0.0.1");
    }

    @Test
    void sendsTheMetadataOfTheChosenKindOfWallet() throws Exception {
        answer = claims -> sign(claims, verifier, verifier.certificate());

        wallet.fetch(invocation(), RequestFetch.POST_WITHOUT_METADATA);
        assertThat(form).containsOnlyKeys("wallet_nonce");
        wallet.fetch(invocation(), RequestFetch.POST);
        assertThat(JsonSerialization.readValue(form.get("wallet_metadata"), Map.class))
                .containsKeys("vp_formats_supported", "request_object_signing_alg_values_supported",
                        "authorization_encryption_enc_values_supported");
        assertThatThrownBy(() -> RequestFetch.of("sideways")).hasMessageContaining("post-encrypted-request");
    }

    @Test
    void refusesARequestWhoseClientMetadataLacksVpFormatsSupported() {
        answer = claims -> {
            claims.remove("client_metadata");
            return sign(claims, verifier, verifier.certificate());
        };

        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("vp_formats_supported");
    }

    @Test
    @SuppressWarnings("unchecked")
    void decryptsARequestObjectEncryptedToTheKeyItPublished() throws Exception {
        answer = claims -> encryptToWallet(sign(claims, verifier, verifier.certificate()), "JWT");

        VerifierRequest request = wallet.fetch(invocation(), RequestFetch.POST_ENCRYPTED_REQUEST);

        assertThat(request.clientId()).isEqualTo("x509_san_dns:127.0.0.1");
        Map<String, Object> metadata = JsonSerialization.readValue(form.get("wallet_metadata"), Map.class);
        assertThat(metadata).containsEntry("request_object_encryption_alg_values_supported", List.of("ECDH-ES"));
    }

    @Test
    void refusesAnEncryptedRequestObjectThatIsNotANestedJwt() {
        answer = claims -> encryptToWallet(sign(claims, verifier, verifier.certificate()), null);

        assertThatThrownBy(() -> wallet.fetch(invocation(), RequestFetch.POST_ENCRYPTED_REQUEST))
                .isInstanceOf(WalletException.class).hasMessageContaining("not a JWT encrypted with ECDH-ES");
    }

    @SuppressWarnings("unchecked")
    private String encryptToWallet(String signed, String contentType) {
        try {
            Map<String, Object> metadata = JsonSerialization.readValue(form.get("wallet_metadata"), Map.class);
            Map<String, Object> key = ((List<Map<String, Object>>) ((Map<String, Object>) metadata.get("jwks")).get("keys")).get(0);
            JWK jwk = JsonSerialization.mapper.convertValue(key, JWK.class);
            JWE jwe = new JWE().header(JWEHeader.builder().algorithm("ECDH-ES").encryptionAlgorithm("A256GCM")
                    .contentType(contentType).keyId(jwk.getKeyId()).build()).content(signed.getBytes(StandardCharsets.US_ASCII));
            jwe.getKeyStorage().setEncryptionKey(JWKParser.create(jwk).toPublicKey());
            return jwe.encodeJwe();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String invocation() {
        return invocation("x509_san_dns:127.0.0.1");
    }

    private String invocation(String clientId) {
        String requestUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/request";
        return "openid4vp://?client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8) + "&request_uri_method=post";
    }

    private Map<String, Object> claims(String walletNonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("client_id", "x509_san_dns:127.0.0.1");
        claims.put("aud", "https://self-issued.me/v2");
        claims.put("client_metadata", Map.of("vp_formats_supported", Map.of("dc+sd-jwt", Map.of())));
        claims.put("response_type", "vp_token");
        claims.put("response_mode", "direct_post");
        claims.put("response_uri", "http://127.0.0.1:" + server.getAddress().getPort() + "/response");
        claims.put("nonce", "n");
        claims.put("state", "s");
        claims.put("wallet_nonce", walletNonce);
        claims.put("exp", Instant.now().plusSeconds(60).getEpochSecond());
        claims.put("dcql_query", Map.of("credentials", List.of(Map.of("id", "pid", "format", "dc+sd-jwt",
                "meta", Map.of("vct_values", List.of(PidIssuer.PID_VCT)),
                "claims", List.of(Map.of("path", List.of("family_name")), Map.of("path", List.of("given_name")))))));
        return claims;
    }

    private static String sign(Map<String, Object> claims, DevCertificates.KeyAndCertificate signer, X509Certificate shown) {
        return new JWSBuilder().type("oauth-authz-req+jwt").x5c(List.of(shown)).jsonContent(claims)
                .sign(Es256.signer(signer.keys()));
    }
}
