package hu.ugyfelportal.keycloak.registration;

public final class PasswordLinkConfirmAuthenticatorFactory extends PasswordLinkAuthenticatorFactory {

    public static final String PROVIDER_ID = "ugyfelportal-password-link-confirm";

    public PasswordLinkConfirmAuthenticatorFactory() {
        super(new PasswordLinkConfirmAuthenticator());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: confirm the e-mailed link";
    }

    @Override
    public String getHelpText() {
        return "The page an e-mailed link opens: asks the customer to go on with 'Kérem a kódot', so a mail "
                + "scanner's GET does not use the link. Put the e-mailed code step after it.";
    }
}
