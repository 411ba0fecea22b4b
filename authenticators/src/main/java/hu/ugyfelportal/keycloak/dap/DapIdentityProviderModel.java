package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

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
        return parsed != null ? parsed : DapConfig.from(getConfig());
    }

    /** Refuses a wrong setting when an administrator saves it (or a realm file is imported), with the setting's name. */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        dapConfig();
    }
}
