package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.common.CustomerStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.security.SecureRandom;
import java.util.List;

/**
 * Registers the e-mail code step and describes its settings for the admin console. Keycloak 26.7 has no hook to
 * validate an authenticator's configuration when it is saved, so {@link EmailCodeSettings} refuses bad values
 * when the step runs, and {@link hu.ugyfelportal.keycloak.common.StepSettings} answers them as every step does.
 */
public class EmailCodeAuthenticatorFactory extends CustomerStepFactory {

    public static final String PROVIDER_ID = "ugyfelportal-email-code";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private final SecureRandom random = new SecureRandom();

    @Override
    public Authenticator create(KeycloakSession session) {
        return new EmailCodeAuthenticator(random);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "E-mail code (Ügyfélportál)";
    }

    @Override
    public String getHelpText() {
        return "E-mails a one-time code to the user's address and asks for it (\"Kapott kód\"). "
                + "Place it after a step that identifies the user, e.g. Username Password Form.";
    }

    /**
     * No reference category: Keycloak then counts this step's failures for brute-force detection, and the step is
     * not mistaken for the TOTP credential ("otp") in credential selection or level of authentication.
     */
    @Override
    public String getReferenceCategory() {
        return null;
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
        EmailCodeSettings defaults = EmailCodeSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(EmailCodeSettings.CODE_LENGTH).label("Code length")
                .helpText(help("Digits in a code.", EmailCodeSettings.CODE_LENGTH_MIN,
                        EmailCodeSettings.CODE_LENGTH_MAX))
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.codeLength()).add()
                .property().name(EmailCodeSettings.LIFETIME_SECONDS).label("Code lifetime (seconds)")
                .helpText(help("How long a code is accepted after it was sent; the page and the e-mail show it "
                        + "(in minutes when it is a whole number of minutes).", EmailCodeSettings.LIFETIME_MIN,
                        EmailCodeSettings.LIFETIME_MAX))
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.lifetime().toSeconds()).add()
                .property().name(EmailCodeSettings.MAX_WRONG_TRIES).label("Wrong tries per code")
                .helpText(help("Wrong entries after which the code is void and a new one must be requested.",
                        EmailCodeSettings.WRONG_TRIES_MIN, EmailCodeSettings.WRONG_TRIES_MAX))
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.maxWrongTries()).add()
                .property().name(EmailCodeSettings.RESEND_COOLDOWN_SECONDS).label("Resend cool-down (seconds)")
                .helpText(help("Wait between two codes sent in one login attempt.", EmailCodeSettings.COOLDOWN_MIN,
                        EmailCodeSettings.COOLDOWN_MAX))
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.resendCooldown().toSeconds()).add()
                .property().name(EmailCodeSettings.MAX_SENDS).label("Sends per login attempt")
                .helpText(help("Codes sent at most in one login attempt; logging in again starts a new count.",
                        EmailCodeSettings.SENDS_MIN, EmailCodeSettings.SENDS_MAX))
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.maxSends()).add()
                .build();
    }

    private static String help(String text, int min, int max) {
        return text + " From " + min + " to " + max + ".";
    }
}
