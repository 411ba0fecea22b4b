package hu.ugyfelportal.keycloak.clientnumber;

import hu.ugyfelportal.keycloak.common.ConfigReader;

import java.util.Map;

/**
 * The chooser's settings from the admin console. The same step runs after a password login (every client
 * number) and in the DÁP identity provider's post-login flow (only the DÁP types), told apart by this setting.
 */
public record ChooserConfig(LoginMethod loginMethod) {

    /** Config key of the login method in the authenticator's admin-console configuration. */
    public static final String LOGIN_METHOD = "loginMethod";
    public static final LoginMethod DEFAULT_LOGIN_METHOD = LoginMethod.PASSWORD;
    /** What the settings are called in the messages of {@link ConfigReader}. */
    static final String NAME = "client-number chooser";

    public ChooserConfig {
        if (loginMethod == null) {
            throw new IllegalArgumentException("The chooser needs a login method");
        }
    }

    /**
     * From the admin console's config map; an execution without configuration runs after a password login.
     *
     * @throws ConfigReader.InvalidSettingsException when the login method is not one of {@link LoginMethod}'s names
     */
    public static ChooserConfig from(Map<String, String> config) {
        ConfigReader read = new ConfigReader(NAME, config);
        LoginMethod loginMethod = read.oneOf(LOGIN_METHOD, LoginMethod.class, Enum::name, DEFAULT_LOGIN_METHOD);
        read.finish();
        return new ChooserConfig(loginMethod);
    }

    /**
     * The error page's message when no client number is left: after DÁP it explains that companies and
     * condominiums log in with a password (the FAQ's words).
     */
    public String noneEligibleMessage() {
        return switch (loginMethod) {
            case PASSWORD -> "clientNumber.noneEligible";
            case DAP -> "clientNumber.noneEligibleDap";
        };
    }
}
