package hu.ugyfelportal.keycloak.registration;

public final class PasswordLinkConsumeAuthenticatorFactory extends PasswordLinkAuthenticatorFactory {

    public static final String PROVIDER_ID = "ugyfelportal-password-link-consume";

    public PasswordLinkConsumeAuthenticatorFactory() {
        super(new PasswordLinkConsumeAuthenticator());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: use up the e-mailed link";
    }

    @Override
    public String getHelpText() {
        return "Makes the e-mailed link single use: put it after the e-mailed code step and before 'Reset Password'.";
    }
}
