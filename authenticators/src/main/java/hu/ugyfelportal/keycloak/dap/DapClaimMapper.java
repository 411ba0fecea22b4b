package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.service.DapClaims;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

/**
 * Copies one disclosed PID claim onto the linked user at each DÁP login: {@code firstName}, {@code lastName} and
 * {@code email} go to the user's own fields, any other name to a user attribute.
 */
public class DapClaimMapper extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "dap-claim-to-user-attribute";
    public static final String CLAIM = "claim";
    public static final String USER_ATTRIBUTE = "user.attribute";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[]{DapIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "DÁP PID claim to user attribute";
    }

    @Override
    public String getHelpText() {
        return "Copies a disclosed PID claim (e.g. family_name, birthdate) to firstName, lastName, email or a user attribute.";
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLAIM).label("PID claim").type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(USER_ATTRIBUTE).label("User attribute").type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
                .build();
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        copy(user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        copy(user, mapperModel, context);
    }

    private static void copy(UserModel user, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        Map<?, ?> disclosed = DapClaims.of(context);
        String claim = mapperModel.getConfig().get(CLAIM);
        String attribute = mapperModel.getConfig().get(USER_ATTRIBUTE);
        if (claim == null || attribute == null || disclosed.get(claim) == null) {
            return;
        }
        String value = disclosed.get(claim).toString();
        switch (attribute) {
            case UserModel.FIRST_NAME -> user.setFirstName(value);
            case UserModel.LAST_NAME -> user.setLastName(value);
            case UserModel.EMAIL -> user.setEmail(value);
            default -> user.setSingleAttribute(attribute, value);
        }
    }
}
