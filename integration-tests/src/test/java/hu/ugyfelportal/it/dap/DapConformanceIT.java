package hu.ugyfelportal.it.dap;

import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
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
 * OID4VP 1.0 conformance of the request_uri on the real Keycloak, with the simulator playing each kind of wallet:
 * one that fetches by GET (§5.10), POSTs with and without {@code wallet_metadata}, a wallet with nothing in common,
 * one with malformed metadata, and one that asks for an encrypted request object. See docs/dap-conformance.md.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapConformanceIT {

    private static final String TYPICAL_WALLET_METADATA = "{\"vp_formats_supported\":{\"dc+sd-jwt\":{"
            + "\"sd-jwt_alg_values\":[\"ES256\"],\"kb-jwt_alg_values\":[\"ES256\"]}},"
            + "\"request_object_signing_alg_values_supported\":[\"ES256\"],"
            + "\"authorization_encryption_alg_values_supported\":[\"ECDH-ES\"],"
            + "\"authorization_encryption_enc_values_supported\":[\"A256GCM\"]}";

    /** Linked once per run to one customer: the simulator has few identities, and each links to one user only. */
    private static final String IDENTITY = "farkas-istvan";
    private static boolean linked;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyKindOfConformantWalletLogsTheLinkedCustomerIn(TestEnvironment env) {
        linkOnce(env);

        assertThat(logsIn(env, "get")).as("request fetched by GET").isTrue();
        assertThat(logsIn(env, "post")).as("POST with typical metadata (A256GCM only)").isTrue();
        assertThat(logsIn(env, "post-no-metadata")).as("POST without metadata").isTrue();
        assertThat(logsIn(env, "post-encrypted-request")).as("request object encrypted to the wallet").isTrue();
    }

    @Test
    void withTheX509HashPrefixTheClientIdIsTheCertificatesHashAndTheCustomerLogsIn(TestEnvironment env) throws Exception {
        linkOnce(env);

        env.admin().withIdentityProviderSetting("dap", "dapClientIdPrefix", "x509_hash", () -> {
            Browser browser = env.newBrowser();
            Page qr = DapJourney.qrPage(env, browser);
            String content = DapPhone.scan(qr);
            assertThat(content).contains("client_id=x509_hash%3A");
            assertThat(env.dap().approve(content, IDENTITY, "post").verifierStatus()).isEqualTo(200);
            assertThat(DapJourney.refresh(browser, qr).isPortalRedirect()).as("logged in under x509_hash").isTrue();
        });
    }

    @Test
    void aPidWithoutExpiryIsRefusedByDefaultAndLogsInWhenTheSettingAllowsIt(TestEnvironment env) throws Exception {
        linkOnce(env);
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);

        DapPhone.Outcome refused = env.dap().approveWithoutPidExpiry(DapPhone.scan(qr), IDENTITY);

        assertThat(refused.verifierStatus()).isEqualTo(400);
        assertThat(DapJourney.refresh(browser, qr).isPortalRedirect()).isFalse();
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", "dap_presentation_rejected")
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains("exp"));
        env.admin().withIdentityProviderSetting("dap", "dapRequirePidExpiry", "false", () -> {
            Browser another = env.newBrowser();
            Page page = DapJourney.qrPage(env, another);
            assertThat(env.dap().approveWithoutPidExpiry(DapPhone.scan(page), IDENTITY).verifierStatus()).isEqualTo(200);
            assertThat(DapJourney.refresh(another, page).isPortalRedirect()).as("logged in without exp").isTrue();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void getAnswersTheSignedRequestObjectWithoutWalletNonceAndOnlyOnceAcrossBothMethods(TestEnvironment env) throws Exception {
        String byGet = DapPhone.requestUri(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));
        HttpResponse<String> first = get(byGet);
        String byPost = DapPhone.requestUri(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));
        HttpResponse<String> posted = post(byPost, "wallet_nonce=w-1");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/oauth-authz-req+jwt"));
        JWSInput jws = new JWSInput(first.body());
        assertThat(jws.getHeader().getType()).isEqualTo("oauth-authz-req+jwt");
        Map<String, Object> claims = jws.readJsonContent(Map.class);
        assertThat(claims).doesNotContainKey("wallet_nonce").containsEntry("aud", "https://self-issued.me/v2")
                .containsKeys("client_metadata", "dcql_query", "nonce", "state", "response_uri");
        assertThat(((Map<String, Object>) claims.get("client_metadata"))).containsKey("vp_formats_supported");
        assertThat(get(byGet).statusCode()).as("a second GET").isEqualTo(404);
        assertThat(post(byGet, "wallet_nonce=w-2").statusCode()).as("a POST after a GET").isEqualTo(404);
        assertThat(posted.statusCode()).isEqualTo(200);
        HttpResponse<String> getAfterPost = get(byPost);
        assertThat(getAfterPost.statusCode()).as("a GET after a POST").isEqualTo(404);
        assertThat(getAfterPost.body()).contains("invalid_request_uri");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWalletsMetadataNarrowsTheAnswersEncryptionToWhatBothSupport(TestEnvironment env) throws Exception {
        String requestUri = DapPhone.requestUri(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())));

        HttpResponse<String> answer = post(requestUri, "wallet_nonce=w-1&wallet_metadata="
                + URLEncoder.encode(TYPICAL_WALLET_METADATA, StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Object> claims = new JWSInput(answer.body()).readJsonContent(Map.class);
        Map<String, Object> metadata = (Map<String, Object>) claims.get("client_metadata");
        assertThat(claims).containsEntry("wallet_nonce", "w-1");
        assertThat(metadata).containsEntry("encrypted_response_enc_values_supported", List.of("A256GCM"))
                .containsEntry("vp_formats_supported", Map.of("dc+sd-jwt", Map.of(
                        "sd-jwt_alg_values", List.of("ES256"), "kb-jwt_alg_values", List.of("ES256"))));
    }

    @Test
    void aWalletWithNothingInCommonIsRefusedWithVpFormatsNotSupportedAndTheQrPageSaysSo(TestEnvironment env) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);

        DapPhone.Outcome refused = env.dap().approve(DapPhone.scan(qr), "kovacs-janos", "post-no-overlap");

        assertThat(refused.error()).contains("HTTP 400").contains("vp_formats_not_supported")
                .contains("sd-jwt_alg_values has none of [ES256]");
        assertThat(DapJourney.refresh(browser, qr).text()).contains("A DÁP alkalmazás válaszát nem tudtuk elfogadni.");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", "dap_wallet_unsupported")
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains("sd-jwt_alg_values"));
    }

    @Test
    void aWalletThatCannotVerifyEs256RequestObjectsIsRefusedWithAnEvent(TestEnvironment env) {
        DapPhone.Outcome refused = env.dap().approve(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())),
                "kovacs-janos", "post-no-es256");

        assertThat(refused.error()).contains("HTTP 400").contains("invalid_request")
                .contains("does not support the request object signing alg ES256");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", "dap_wallet_unsupported")
                .extracting(e -> String.valueOf(e.get("details"))).asString().contains("signing alg ES256"));
    }

    @Test
    void malformedWalletMetadataIsABadRequestWithAReasonAndAnEvent(TestEnvironment env) throws Exception {
        DapPhone.Outcome refused = env.dap().approve(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser())),
                "kovacs-janos", "post-malformed-metadata");
        HttpResponse<String> notJson = post(DapPhone.requestUri(DapPhone.scan(DapJourney.qrPage(env, env.newBrowser()))),
                "wallet_metadata=%7Bnot%20json");

        assertThat(refused.error()).contains("HTTP 400").contains("invalid_request")
                .contains("wallet_metadata vp_formats_supported is not a JSON object");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"error\":\"invalid_request\"").contains("wallet_metadata is not JSON")
                .doesNotContain("Exception");
        assertThat(env.admin().events("IDENTITY_PROVIDER_LOGIN_ERROR", null)).anySatisfy(event -> assertThat(event)
                .containsEntry("error", "dap_wallet_metadata_invalid"));
    }

    private static synchronized void linkOnce(TestEnvironment env) {
        if (!linked) {
            DapJourney.linkedCustomer(env, "dap-wallets", IDENTITY);
            linked = true;
        }
    }

    private static boolean logsIn(TestEnvironment env, String fetch) {
        Browser browser = env.newBrowser();
        Page qr = DapJourney.qrPage(env, browser);
        DapPhone.Outcome outcome = env.dap().approve(DapPhone.scan(qr), IDENTITY, fetch);
        assertThat(outcome.verifierStatus()).as("%s", outcome.body()).isEqualTo(200);
        return DapJourney.refresh(browser, qr).isPortalRedirect();
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/oauth-authz-req+jwt").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String uri, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/oauth-authz-req+jwt").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
