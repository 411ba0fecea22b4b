package hu.ugyfelportal.keycloak.clientnumber;

import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The chooser's settings from the admin console. The same step runs after a password login (every client
 * number) and in the DÁP identity provider's post-login flow (only the DÁP types), told apart by this setting.
 */
public record ChooserConfig(LoginMethod loginMethod) {

    /** Config key of the login method in the authenticator's admin-console configuration. */
    public static final String LOGIN_METHOD = "loginMethod";
    public static final LoginMethod DEFAULT_LOGIN_METHOD = LoginMethod.PASSWORD;

    public ChooserConfig {
        if (loginMethod == null) {
            throw new IllegalArgumentException("The chooser needs a login method");
        }
    }

    /** An execution without configuration runs after a password login. */
    public static ChooserConfig from(AuthenticatorConfigModel model) {
        String value = Optional.ofNullable(model)
                .map(AuthenticatorConfigModel::getConfig)
                .map(config -> config.get(LOGIN_METHOD))
                .filter(method -> !method.isBlank())
                .orElse(DEFAULT_LOGIN_METHOD.name());
        return from(value);
    }

    static ChooserConfig from(String loginMethod) {
        return Arrays.stream(LoginMethod.values())
                .filter(method -> method.name().equals(loginMethod.trim()))
                .findFirst()
                .map(ChooserConfig::new)
                .orElseThrow(() -> new IllegalArgumentException("Unknown login method '" + loginMethod
                        + "' in the client-number chooser's configuration; use one of "
                        + Arrays.toString(LoginMethod.values())));
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
