package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.models.IdentityProviderModel;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DapIdentityProviderFactoryTest {

    private static Map<String, String> settings;
    private final DapIdentityProviderFactory factory = new DapIdentityProviderFactory();

    @BeforeAll
    static void keys() {
        CryptoIntegration.init(DapIdentityProviderFactoryTest.class.getClassLoader());
        DevCertificates.KeyAndCertificate issuer = DevCertificates.selfSigned("issuer", null);
        DevCertificates.KeyAndCertificate verifier = DevCertificates.selfSigned("verifier", "portal.example.hu");
        settings = Map.of(DapConfig.TRUSTED_ISSUERS, issuer.certificatePem(),
                DapConfig.SIGNING_KEY, verifier.privateKeyPem(),
                DapConfig.SIGNING_CERTIFICATES, verifier.certificatePem());
    }

    @Test
    void theSameSettingsAreParsedOnceForAllRequests() {
        DapConfig first = factory.create(null, model(settings)).getConfig().dapConfig();
        DapConfig again = factory.create(null, model(new HashMap<>(settings))).getConfig().dapConfig();

        assertThat(again).isSameAs(first);
    }

    @Test
    void changedSettingsAreParsedAgain() {
        DapConfig before = factory.create(null, model(settings)).getConfig().dapConfig();
        Map<String, String> changed = new HashMap<>(settings);
        changed.put(DapConfig.STATUS_HOLD, "20");

        DapConfig after = factory.create(null, model(changed)).getConfig().dapConfig();

        assertThat(after.statusHoldSeconds()).isEqualTo(20);
        assertThat(before.statusHoldSeconds()).isEqualTo(DapConfig.DEFAULT_STATUS_HOLD);
    }

    @Test
    void wrongSettingsStillFailWhereTheyAreUsedNamingTheSetting() {
        Map<String, String> wrong = new HashMap<>(settings);
        wrong.put(DapConfig.STATUS_HOLD, "forever");

        DapIdentityProvider provider = factory.create(null, model(wrong));

        assertThatThrownBy(() -> provider.getConfig().dapConfig()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dapStatusHoldSeconds");
    }

    private static IdentityProviderModel model(Map<String, String> config) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.setAlias("dap");
        model.setProviderId(DapIdentityProviderFactory.PROVIDER_ID);
        model.setConfig(new HashMap<>(config));
        return model;
    }
}
