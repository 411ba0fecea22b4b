package hu.ugyfelportal.it.dap;

import hu.ugyfelportal.dapsimulator.DapSimulatorMain;
import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.jose.jws.JWSInput;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DÁP protocol choices on the real Keycloak with the simulator as the wallet: both response modes
 * ({@code direct_post.jwt}, the realm's default, and {@code direct_post}), and both ways of trusting the PID issuer
 * (its CA, the realm's default for the simulator, and its pinned certificate). Settings are switched through the
 * admin API for one test and put back after it.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapProtocolIT {

    @Test
    @SuppressWarnings("unchecked")
    void theRequestObjectAsksForAnAnswerEncryptedToAKeyMadeForThatLoginOnly(TestEnvironment env) throws Exception {
        Map<String, Object> first = requestObject(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));
        Map<String, Object> second = requestObject(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));

        assertThat(first).containsEntry("response_mode", "direct_post.jwt");
        Map<String, Object> metadata = (Map<String, Object>) first.get("client_metadata");
        assertThat(metadata).containsEntry("encrypted_response_enc_values_supported", List.of("A128GCM", "A256GCM"));
        Map<String, Object> key = encryptionKey(first);
        assertThat(key).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("use", "enc")
                .containsEntry("alg", "ECDH-ES").containsKey("kid").doesNotContainKey("d");
        assertThat(encryptionKey(second).get("kid")).isNotEqualTo(key.get("kid"));
        assertThat(encryptionKey(second).get("x")).isNotEqualTo(key.get("x"));
    }

    @Test
    void anEncryptedAnswerLogsTheLinkedCustomerIn(TestEnvironment env) {
        DapJourney.linkedCustomer(env, "dap-jwt", "szucs-dora");

        assertThat(DapJourney.logsIn(env, "szucs-dora")).as("logged in with direct_post.jwt").isTrue();
    }

    @Test
    void aPlainDirectPostAnswerLogsTheCustomerInWhenThatModeIsConfigured(TestEnvironment env) throws Exception {
        DapJourney.linkedCustomer(env, "dap-plain", "szilagyi-marta");

        env.admin().withIdentityProviderSettings("dap", Map.of("dapResponseMode", "direct_post"), () -> {
            assertThat(requestObject(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser()))))
                    .containsEntry("response_mode", "direct_post")
                    .extracting("client_metadata").asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsOnlyKeys("vp_formats_supported");
            assertThat(DapJourney.logsIn(env, "szilagyi-marta")).as("logged in with direct_post").isTrue();
        });
    }

    @Test
    void aPlainAnswerWhereAnEncryptedOneWasAskedForIsRefusedAndRecorded(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);

        DapPhone.Outcome plain = env.dap().approveUnencrypted(DapPhone.scan(qr), "kovacs-janos");
        Page again = DapJourney.refresh(browser, qr);

        assertThat(plain.verifierStatus()).isEqualTo(400);
        assertThat(again.isPortalRedirect()).isFalse();
        assertThat(again.text()).contains("A DÁP alkalmazás válaszát nem tudtuk elfogadni.");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", "dap_presentation_rejected")
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains("plain vp_token"));
    }

    @Test
    void anEncryptedAnswerUnderAnUnknownKeyIsRefusedAndRecorded(TestEnvironment env) throws Exception {
        String header = base64Url("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"kid\":\"no-such-key\"}");
        String responseUri = env.keycloak().baseUrl() + "/realms/" + env.realm() + "/broker/dap/endpoint/response";

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(responseUri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("response=" + header + "..AAAA.AAAA.AAAA")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid_request").doesNotContain("Exception");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null))
                .anySatisfy(event -> assertThat(event).containsEntry("error", "dap_unknown_transaction"));
    }

    @Test
    void aPinnedIssuerCertificateStillLetsTheCustomerIn(TestEnvironment env) throws Exception {
        DapJourney.linkedCustomer(env, "dap-pinned", "fekete-bence");
        String pinned = DapSimulatorMain.oneLine(env.dap().issuerCertificatePem());

        env.admin().withIdentityProviderSettings("dap", Map.of("dapTrustedIssuerCertificates", pinned, "dapTrustedIssuerCaCertificates", ""),
                () -> assertThat(DapJourney.logsIn(env, "fekete-bence")).as("logged in, issuer pinned").isTrue());
    }

    @Test
    void aPidWhoseChainLeadsToAnotherCaIsRefused(TestEnvironment env) throws Exception {
        String otherCa = DevCertificates.certificateAuthority("Some other PID CA", null).certificatePem();

        env.admin().withIdentityProviderSettings("dap", Map.of("dapTrustedIssuerCaCertificates", DapSimulatorMain.oneLine(otherCa)), () -> {
            Browser browser = env.newBrowser();
            Page qr = DapJourney.qrPage(env, browser);
            assertThat(env.dap().approve(DapPhone.scan(qr), "kovacs-janos").verifierStatus()).isEqualTo(400);
            assertThat(DapJourney.refresh(browser, qr).text()).contains("A DÁP alkalmazás válaszát nem tudtuk elfogadni.");
        });
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains("chain not trusted"));
    }

    /** What a wallet gets from the QR's request_uri: the signed request object's claims (the signature is the simulator's concern). */
    private static Map<String, Object> requestObject(String qrContent) {
        String requestUri = DapPhone.requestUri(qrContent);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(requestUri))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("wallet_nonce=" + URLEncoder.encode("w-1", StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("request_uri: %s", response.body()).isEqualTo(200);
            return new JWSInput(response.body()).readJsonContent(Map.class);
        } catch (Exception e) {
            throw new AssertionError("The request object could not be fetched", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> encryptionKey(Map<String, Object> requestObject) {
        Map<String, Object> jwks = (Map<String, Object>) ((Map<String, Object>) requestObject.get("client_metadata")).get("jwks");
        return ((List<Map<String, Object>>) jwks.get("keys")).get(0);
    }

    private static String base64Url(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
