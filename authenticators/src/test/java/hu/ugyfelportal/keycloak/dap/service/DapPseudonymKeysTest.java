package hu.ugyfelportal.keycloak.dap.service;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeyManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.DefaultVaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DapPseudonymKeysTest {

    private static final String VAULT_KEY = "the vault's pseudonym key, 32 characters or more";
    private static final byte[] REALM_KEY = "the realm key dap-pseudonym of 64 bytes, made by hmac-generated!".getBytes(StandardCharsets.UTF_8);

    @Test
    void theVaultsEntryIsTheKeyWithoutItsSurroundingWhiteSpace() {
        DapPseudonymKeys keys = DapPseudonymKeys.of(session(VAULT_KEY + "\n", false), realm(false));

        assertThat(keys.current()).isEqualTo(VAULT_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(keys.earlier()).isEmpty();
    }

    @Test
    void withoutAVaultEntryTheRealmKeyNamedDapPseudonymIsTheKey() {
        DapPseudonymKeys keys = DapPseudonymKeys.of(session(null, true), realm(true));

        assertThat(keys.current()).isEqualTo(REALM_KEY);
    }

    @Test
    void withBothTheVaultsIsTheKeyAndTheRealmKeyFindsEarlierLinks() {
        DapPseudonymKeys keys = DapPseudonymKeys.of(session(VAULT_KEY, true), realm(true));

        assertThat(keys.current()).isEqualTo(VAULT_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(keys.earlier()).singleElement().isEqualTo(REALM_KEY);
    }

    @Test
    void neitherOrATooShortVaultEntryIsRefusedNamingThePlaces() {
        assertThatThrownBy(() -> DapPseudonymKeys.of(session(null, false), realm(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${vault.dap-pseudonym-key}").hasMessageContaining("'dap-pseudonym'");
        assertThatThrownBy(() -> DapPseudonymKeys.of(session("too short", true), realm(true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than 32");
    }

    /** A realm whose key providers are none, or the one named dap-pseudonym (and another, which is not it). */
    private static RealmModel realm(boolean withRealmKey) {
        ComponentModel other = component("other", "hmac-generated-hs512");
        ComponentModel ours = component("ours", DapPseudonymKeys.REALM_KEY_NAME);
        return proxy(RealmModel.class, (method, args) -> switch (method) {
            case "getId" -> "realm";
            case "getComponentsStream" -> withRealmKey ? Stream.of(other, ours) : Stream.of(other);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static KeycloakSession session(String vaultEntry, boolean withRealmKey) {
        VaultTranscriber vault = proxy(VaultTranscriber.class, (method, args) ->
                DefaultVaultStringSecret.forString(Optional.ofNullable(
                        DapPseudonymKeys.VAULT_REFERENCE.equals(args[0]) ? vaultEntry : null)));
        KeyManager keys = proxy(KeyManager.class, (method, args) -> withRealmKey
                ? Stream.of(key("other", "another secret".getBytes(StandardCharsets.UTF_8)), key("ours", REALM_KEY))
                : Stream.of(key("other", "another secret".getBytes(StandardCharsets.UTF_8))));
        return proxy(KeycloakSession.class, (method, args) -> switch (method) {
            case "vault" -> vault;
            case "keys" -> keys;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static ComponentModel component(String id, String name) {
        ComponentModel component = new ComponentModel();
        component.setId(id);
        component.setName(name);
        return component;
    }

    private static KeyWrapper key(String providerId, byte[] secret) {
        KeyWrapper key = new KeyWrapper();
        key.setProviderId(providerId);
        key.setStatus(KeyStatus.PASSIVE);
        key.setSecretKey(new SecretKeySpec(secret, "HmacSHA256"));
        return key;
    }

    private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }
}
