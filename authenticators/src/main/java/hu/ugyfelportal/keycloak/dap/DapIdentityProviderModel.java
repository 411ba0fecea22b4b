package hu.ugyfelportal.keycloak.dap;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/** The DÁP provider's model: Keycloak's generic one, validated through {@link DapConfig}. */
public class DapIdentityProviderModel extends IdentityProviderModel {

    public DapIdentityProviderModel() {
    }

    public DapIdentityProviderModel(IdentityProviderModel model) {
        super(model);
    }

    public DapConfig dapConfig() {
        return DapConfig.from(getConfig());
    }

    /** Refuses a wrong setting when an administrator saves it (or a realm file is imported), with the setting's name. */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        dapConfig();
    }
}
