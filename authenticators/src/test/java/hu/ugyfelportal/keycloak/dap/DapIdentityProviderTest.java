package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.DapPseudonymKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.DefaultVaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the provider meets settings that cannot serve a login, before any page or event: the event's error it reports
 * and the log line an operator reads. Wrong settings are refused when saved (Keycloak validates the model), so a
 * login meets them only from an older version's data: the portal's error page then follows, as for settings not
 * complete yet ({@code DapSettingsIT} walks that page).
 */
class DapIdentityProviderTest {

    private static final String PSEUDONYM_KEY = "a pseudonym key of at least thirty-two characters";
    private static Map<String, String> complete;
    private static String signingKeyPem;
    private final DapIdentityProviderFactory factory = new DapIdentityProviderFactory();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(DapIdentityProvider.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void keys() {
        CryptoIntegration.init(DapIdentityProviderTest.class.getClassLoader());
        DevCertificates.KeyAndCertificate issuer = DevCertificates.selfSigned("issuer", null);
        DevCertificates.KeyAndCertificate verifier = DevCertificates.selfSigned("verifier", "portal.example.hu");
        signingKeyPem = verifier.privateKeyPem();
        complete = Map.of(DapConfig.TRUSTED_ISSUERS, issuer.certificatePem(), DapConfig.SIGNING_KEY, signingKeyPem,
                DapConfig.SIGNING_CERTIFICATES, verifier.certificatePem());
    }

    @BeforeEach
    void captureTheLog() {
        log.addHandler(capture);
    }

    @AfterEach
    void releaseTheLog() {
        log.removeHandler(capture);
    }

    @Test
    void completeSettingsServeALogin() {
        assertThat(provider(complete).settingsError()).isEmpty();
        assertThat(logged).isEmpty();
    }

    @Test
    void withoutAPseudonymKeyInTheVaultOrTheRealmDapIsNotConfiguredAndTheLogSaysWhichKey() {
        assertThat(provider(complete, null).settingsError()).contains("dap_not_configured");
        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("${vault.dap-pseudonym-key}", "dap-pseudonym");
        });
    }

    @Test
    void aTooShortPseudonymKeyInTheVaultIsNotConfigured() {
        assertThat(provider(complete, "short").settingsError()).contains("dap_not_configured");
        assertThat(logged).singleElement().satisfies(record ->
                assertThat(record.getMessage()).contains("shorter than 32").doesNotContain("short\n"));
    }

    @Test
    void settingsWithoutKeysYetAreNotConfigured() {
        assertThat(provider(Map.of()).settingsError()).contains("dap_not_configured");
        assertThat(logged).singleElement().satisfies(record -> assertThat(record.getLevel()).isEqualTo(Level.WARNING));
    }

    @Test
    void wrongSettingsAreMisconfiguredAndTheLogNamesEachOneButNoKey() {
        Map<String, String> wrong = new HashMap<>(complete);
        wrong.put(DapConfig.SIGNING_CERTIFICATES, complete.get(DapConfig.TRUSTED_ISSUERS));
        wrong.put(DapConfig.POLL_INTERVAL, "soon");

        assertThat(provider(wrong).settingsError()).contains("dap_misconfigured");

        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(record.getMessage()).contains("'dap'", "dapSigningKey / dapSigningCertificateChain",
                    "dapPollIntervalSeconds").doesNotContain(signingKeyPem.lines().skip(1).findFirst().orElseThrow());
        });
    }

    @Test
    void settingsThatCannotServeALoginAreLoggedOncePerChangeNotAtEachRequest() {
        for (int request = 0; request < 5; request++) {
            assertThat(provider(Map.of()).settingsError()).contains("dap_not_configured");
        }
        assertThat(logged).as("a waiting page reconnecting every two seconds").hasSize(1);

        assertThat(provider(Map.of(DapConfig.QR_SCHEME, "https://wallet.example.hu/")).settingsError())
                .contains("dap_not_configured");
        assertThat(logged).as("the settings changed").hasSize(2);
    }

    private DapIdentityProvider provider(Map<String, String> config) {
        return provider(config, PSEUDONYM_KEY);
    }

    private DapIdentityProvider provider(Map<String, String> config, String vaultPseudonymKey) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.setAlias("dap");
        model.setProviderId(DapIdentityProviderFactory.PROVIDER_ID);
        model.setConfig(new HashMap<>(config));
        return factory.create(session(vaultPseudonymKey), model);
    }

    /** What the settings check reads of Keycloak: the vault's pseudonym entry, a realm without key providers. */
    private static KeycloakSession session(String vaultPseudonymKey) {
        RealmModel realm = proxy(RealmModel.class, (method, args) -> switch (method) {
            case "getId" -> "realm";
            case "getComponentsStream" -> Stream.empty();
            default -> throw new UnsupportedOperationException(method);
        });
        KeycloakContext context = proxy(KeycloakContext.class, (method, args) -> realm);
        VaultTranscriber vault = proxy(VaultTranscriber.class, (method, args) ->
                DefaultVaultStringSecret.forString(Optional.ofNullable(
                        DapPseudonymKeys.VAULT_REFERENCE.equals(args[0]) ? vaultPseudonymKey : null)));
        return proxy(KeycloakSession.class, (method, args) -> switch (method) {
            case "getContext" -> context;
            case "vault" -> vault;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }
}
