package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;
import org.keycloak.vault.VaultStringSecret;

import java.util.HashMap;
import java.util.Map;

/** The DÁP provider's model: Keycloak's generic one, validated through {@link DapConfig}. */
public class DapIdentityProviderModel extends IdentityProviderModel {

    /** Already parsed from this model's settings, or null: parsed on each call (a model being created or edited). */
    private final DapConfig parsed;

    public DapIdentityProviderModel() {
        this.parsed = null;
    }

    public DapIdentityProviderModel(IdentityProviderModel model) {
        this(model, null);
    }

    DapIdentityProviderModel(IdentityProviderModel model, DapConfig parsed) {
        super(model);
        this.parsed = parsed;
    }

    public DapConfig dapConfig() {
        return parsed != null ? parsed : DapConfig.from(withVaultSecrets(KeycloakSessionUtil.getKeycloakSession(),
                getConfig()));
    }

    /**
     * The settings with the signing key's vault reference replaced by the vault's secret, in memory only: the stored
     * settings, and so the admin API and exports, carry only the reference, as Keycloak keeps an identity provider's
     * client secret. A reference the vault cannot resolve stays, and {@link DapConfig} says so.
     */
    static Map<String, String> withVaultSecrets(KeycloakSession session, Map<String, String> config) {
        String key = config.get(DapConfig.SIGNING_KEY);
        if (session == null || !DapConfig.isVaultReference(key)) {
            return config;
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(key.trim())) {
            Map<String, String> resolved = new HashMap<>(config);
            secret.get().ifPresent(value -> resolved.put(DapConfig.SIGNING_KEY, value));
            return resolved;
        }
    }

    /** Refuses a wrong setting when an administrator saves it (or a realm file is imported), with the setting's name. */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        dapConfig();
    }
}
