package hu.ugyfelportal.dapsimulator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.jose.jws.JWSBuilder;

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
            String walletNonce = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll(".*wallet_nonce=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            byte[] body = answer.apply(claims(walletNonce)).getBytes(StandardCharsets.US_ASCII);
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
            claims.put("client_metadata", Map.of("jwks", Map.of("keys", List.of(jwk)),
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
            return sign(claims, verifier, verifier.certificate());
        };

        assertThatThrownBy(() -> wallet.fetch(invocation())).isInstanceOf(WalletException.class)
                .hasMessageContaining("client_metadata.jwks");
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
