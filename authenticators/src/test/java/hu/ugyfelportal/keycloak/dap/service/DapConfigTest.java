package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.keycloak.common.ConfigReader;
import hu.ugyfelportal.keycloak.dap.protocol.ClientIdPrefix;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DapConfigTest {

    private static DevCertificates.KeyAndCertificate issuer;
    private static DevCertificates.KeyAndCertificate verifier;

    @BeforeAll
    static void keys() {
        CryptoIntegration.init(DapConfigTest.class.getClassLoader());
        issuer = DevCertificates.selfSigned("issuer", null);
        verifier = DevCertificates.selfSigned("verifier", "portal.example.hu");
    }

    @Test
    void defaultsApplyToAnEmptyConfigWhichIsNotCompleteYet() {
        DapConfig config = DapConfig.from(Map.of());

        assertThat(config.qrScheme()).isEqualTo("openid4vp://");
        assertThat(config.credentialType()).isEqualTo("urn:eudi:pid:1");
        assertThat(config.requestedClaims()).containsExactly("family_name", "given_name", "birthdate", "personal_administrative_number");
        assertThat(config.subjectClaims()).containsExactly("personal_administrative_number");
        assertThat(config.requestLifetimeSeconds()).isEqualTo(120);
        assertThat(config.mode()).isEqualTo(ResponseMode.DIRECT_POST_JWT);
        assertThat(config.statusHoldSeconds()).as("below a 60 s proxy idle timeout").isEqualTo(50);
        assertThat(config.pollIntervalSeconds()).isEqualTo(2);
        assertThat(config.isComplete()).isFalse();
    }

    @Test
    void aCompleteConfigGivesTheVerifierAndItsClientId() {
        DapConfig config = DapConfig.from(complete());

        assertThat(config.isComplete()).isTrue();
        assertThat(config.verifierIdentity().clientId()).isEqualTo("x509_san_dns:portal.example.hu");
        assertThat(config.presentationVerifier().issuerTrust().pinned()).containsExactly(issuer.certificate());
    }

    @Test
    void trustedIssuerCasAloneCompleteTheConfig() {
        DevCertificates.KeyAndCertificate ca = DevCertificates.certificateAuthority("root", null);
        Map<String, String> config = complete();
        config.remove(DapConfig.TRUSTED_ISSUERS);
        config.put(DapConfig.TRUSTED_ISSUER_CAS, ca.certificatePem());

        assertThat(DapConfig.from(config).isComplete()).isTrue();
        assertThat(DapConfig.from(config).presentationVerifier().issuerTrust().anchors()).containsExactly(ca.certificate());
    }

    @Test
    void aPidWithoutExpiryIsRefusedUnlessTheSettingAllowsIt() {
        Map<String, String> config = complete();

        assertThat(DapConfig.from(config).presentationVerifier().requireExpiry()).isTrue();
        config.put(DapConfig.REQUIRE_PID_EXPIRY, "false");
        assertThat(DapConfig.from(config).presentationVerifier().requireExpiry()).isFalse();
        assertRefused(DapConfig.REQUIRE_PID_EXPIRY, "sometimes", "dapRequirePidExpiry");
    }

    @Test
    void theClientIdPrefixIsASettingWithX509SanDnsByDefault() {
        Map<String, String> config = complete();
        config.put(DapConfig.CLIENT_ID_PREFIX, "x509_hash");

        assertThat(DapConfig.from(complete()).verifierIdentity().prefix()).isEqualTo(ClientIdPrefix.X509_SAN_DNS);
        assertThat(DapConfig.from(config).verifierIdentity().clientId()).startsWith("x509_hash:");
        assertRefused(DapConfig.CLIENT_ID_PREFIX, "did", "dapClientIdPrefix");
    }

    @Test
    void bothResponseModesCanBeChosen() {
        Map<String, String> config = complete();
        config.put(DapConfig.RESPONSE_MODE, "direct_post");

        assertThat(DapConfig.from(config).mode()).isEqualTo(ResponseMode.DIRECT_POST);
    }

    @Test
    void wrongValuesAreRefusedNamingTheSetting() {
        assertRefused(DapConfig.TRUSTED_ISSUERS, "not a certificate", "dapTrustedIssuerCertificates");
        assertRefused(DapConfig.SIGNING_KEY, "-----BEGIN PRIVATE KEY-----AAAA-----END PRIVATE KEY-----", "dapSigningKey");
        assertRefused(DapConfig.SUBJECT_CLAIMS, "nationality", "dapSubjectClaims");
        assertRefused(DapConfig.RESPONSE_MODE, "query", "dapResponseMode");
        assertRefused(DapConfig.TRUSTED_ISSUER_CAS, issuer.certificatePem(), "dapTrustedIssuerCaCertificates");
        assertRefused(DapConfig.REQUEST_LIFETIME, "3600", "dapRequestLifetimeSeconds");
        assertRefused(DapConfig.POLL_INTERVAL, "soon", "dapPollIntervalSeconds");
        assertRefused(DapConfig.STATUS_HOLD, "0", "dapStatusHoldSeconds");
        assertRefused(DapConfig.STATUS_HOLD, "301", "dapStatusHoldSeconds");
    }

    @Test
    void everyWrongSettingIsNamedAtOnceWithoutTheSigningKeyItself() {
        Map<String, String> config = complete();
        config.put(DapConfig.SIGNING_CERTIFICATES, issuer.certificatePem());
        config.put(DapConfig.STATUS_HOLD, "forever");
        config.put(DapConfig.RESPONSE_MODE, "query");
        config.put(StatusListSettings.FAILURE_POLICY, "accept");

        assertThatThrownBy(() -> DapConfig.from(config)).isInstanceOfSatisfying(ConfigReader.InvalidSettingsException.class,
                e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(e.getMessage()).contains("dapSigningKey / dapSigningCertificateChain",
                            "dapStatusHoldSeconds", "dapResponseMode", "dapStatusListFailurePolicy");
                    assertThat(e.getMessage()).doesNotContain(pemBody(verifier.privateKeyPem()));
                });
    }

    @Test
    void theKeysAndCertificatesAreParsedOnceIntoTheConfig() {
        DapConfig config = DapConfig.from(complete());

        assertThat(config.verifierIdentity()).isSameAs(config.verifierIdentity());
        assertThat(config.verifierIdentity().chain()).containsExactly(verifier.certificate());
        assertThat(config.presentationVerifier()).isSameAs(config.presentationVerifier());
    }

    /** The base64 between a PEM block's armour lines, joined. */
    private static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").substring(0, 40);
    }

    private static void assertRefused(String key, String value, String named) {
        Map<String, String> config = complete();
        config.put(key, value);
        assertThatThrownBy(() -> DapConfig.from(config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }

    @Test
    void aSigningKeyTheVaultDoesNotHaveIsNotSetUntilTheChainIsThenItIsNamed() {
        Map<String, String> beforeDap = Map.of(DapConfig.SIGNING_KEY, "${vault.dap-signing-key}");
        assertThat(DapConfig.from(beforeDap).isComplete()).isFalse();

        Map<String, String> config = complete();
        config.put(DapConfig.SIGNING_KEY, "${vault.dap-signing-key}");
        assertThatThrownBy(() -> DapConfig.from(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dapSigningKey: the vault has no entry for ${vault.dap-signing-key}");
    }

    private static Map<String, String> complete() {
        Map<String, String> config = new HashMap<>();
        config.put(DapConfig.TRUSTED_ISSUERS, issuer.certificatePem());
        config.put(DapConfig.SIGNING_KEY, verifier.privateKeyPem().replace("\n", ""));
        config.put(DapConfig.SIGNING_CERTIFICATES, verifier.certificatePem());
        return config;
    }
}
