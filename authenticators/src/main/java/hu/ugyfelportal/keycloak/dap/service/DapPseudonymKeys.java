package hu.ugyfelportal.keycloak.dap.service;

import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The installation's secrets of the DÁP pseudonym ({@link DapSubject}), kept where Keycloak keeps secrets and never
 * in the identity provider's settings: the vault's entry {@value #VAULT_REFERENCE} when the server's vault has one,
 * else the realm's HMAC key named {@value #REALM_KEY_NAME} (Keycloak's {@code hmac-generated} key provider, which the
 * realm file creates at import with a random secret; Keycloak's admin API and partial export never show it).
 *
 * @param current the key new pseudonyms are made with
 * @param earlier the realm key while the vault's is current, so that links made before the vault entry existed are
 *                still found (and moved)
 */
public record DapPseudonymKeys(byte[] current, List<byte[]> earlier) {

    public static final String VAULT_REFERENCE = "${vault.dap-pseudonym-key}";
    public static final String REALM_KEY_NAME = "dap-pseudonym";
    /** 256 bits, the HMAC-SHA-256 key size; a vault entry is its characters, e.g. {@code openssl rand -base64 48}. */
    static final int MIN_SECRET_BYTES = 32;

    public DapPseudonymKeys {
        earlier = List.copyOf(earlier);
    }

    /** @throws IllegalStateException saying why there is no usable key (never a key's content) */
    public static DapPseudonymKeys of(KeycloakSession session, RealmModel realm) {
        Optional<byte[]> realmKey = realmKey(session, realm);
        Optional<byte[]> vaultKey = vaultKey(session);
        if (vaultKey.isPresent()) {
            return new DapPseudonymKeys(vaultKey.get(), realmKey.stream().toList());
        }
        return realmKey.map(key -> new DapPseudonymKeys(key, List.of())).orElseThrow(() -> new IllegalStateException(
                "no DÁP pseudonym key: neither the vault entry " + VAULT_REFERENCE + " nor an enabled realm key '"
                        + REALM_KEY_NAME + "' (key provider hmac-generated)"));
    }

    /** Surrounding white space is not part of the secret: a file written by {@code echo} gives the same key. */
    private static Optional<byte[]> vaultKey(KeycloakSession session) {
        try (VaultStringSecret secret = session.vault().getStringSecret(VAULT_REFERENCE)) {
            Optional<byte[]> key = secret.get().map(String::strip).filter(text -> !text.isEmpty())
                    .map(text -> text.getBytes(StandardCharsets.UTF_8));
            if (key.isPresent() && key.get().length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("the vault entry " + VAULT_REFERENCE + " is shorter than "
                        + MIN_SECRET_BYTES + " characters");
            }
            return key;
        }
    }

    private static Optional<byte[]> realmKey(KeycloakSession session, RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(component -> REALM_KEY_NAME.equals(component.getName()))
                .findFirst()
                .flatMap(component -> session.keys().getKeysStream(realm)
                        .filter(key -> component.getId().equals(key.getProviderId()))
                        .filter(key -> key.getStatus().isEnabled() && key.getSecretKey() != null)
                        .map(KeyWrapper::getSecretKey)
                        .findFirst())
                .map(SecretKey::getEncoded);
    }
}
