package hu.ugyfelportal.keycloak.clientnumber;

import hu.ugyfelportal.keycloak.common.CustomerStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;

/** Describes the chooser to Keycloak: id, admin-console texts and its one setting, the login method. */
public final class ClientNumberChooserFactory extends CustomerStepFactory {

    /** Referenced by the realm's flows, including the DÁP identity provider's post-login flow. */
    public static final String PROVIDER_ID = "ugyfelportal-client-number-chooser";

    private static final ClientNumberChooser CHOOSER = new ClientNumberChooser();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.DISABLED
    };

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: client-number chooser";
    }

    /**
     * No reference category: Keycloak's brute-force protector counts only failures of steps without one (or of the
     * password and OTP categories), and a refused choice (an edited form) is an attack signal worth counting.
     */
    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public String getHelpText() {
        return "Lets the customer choose which of their client numbers (ügyfélszám) they enter the portal as; "
                + "the choice goes into the tokens as client_number, client_type and client_name.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(ChooserConfig.LOGIN_METHOD)
                .label("Login method")
                .helpText("How the customer logged in before this step: PASSWORD offers every client number, "
                        + "DAP only the types that allow DÁP (private person, sole trader, primary producer).")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(Arrays.stream(LoginMethod.values()).map(Enum::name).toList())
                .defaultValue(ChooserConfig.DEFAULT_LOGIN_METHOD.name())
                .add()
                .build();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return CHOOSER;
    }
}
