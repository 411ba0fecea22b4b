package hu.ugyfelportal.keycloak.registration;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** The registration / forgotten-password page and its link; the link lifetime and the enumeration switch live here. */
public final class PasswordLinkRequestAuthenticatorFactory extends PasswordLinkAuthenticatorFactory {

    public static final String PROVIDER_ID = "ugyfelportal-password-link-request";

    public PasswordLinkRequestAuthenticatorFactory() {
        super(new PasswordLinkRequestAuthenticator());
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: registration / forgotten password link";
    }

    @Override
    public String getHelpText() {
        return "Asks for the contract e-mail and e-mails a single-use link to set a password. Put it first in the "
                + "reset-credentials flow; add '?purpose=registration' to the flow's URL for the registration page.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PasswordLinkConfig.LINK_LIFETIME_SECONDS).label("Link lifetime (seconds)")
                .helpText("How long an e-mailed registration or password link can be used. "
                        + PasswordLinkConfig.LINK_LIFETIME_MIN + " to " + PasswordLinkConfig.LINK_LIFETIME_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_LINK_LIFETIME.toSeconds() + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_LINK_LIFETIME.toSeconds())).add()
                .property().name(PasswordLinkConfig.REVEAL_UNKNOWN_EMAIL).label("Tell when an e-mail has no account")
                .helpText("On: an unknown e-mail gets 'Sikertelen jelszó visszaállítási folyamat' (as the FAQ says), "
                        + "and registering a registered e-mail points to the forgotten-password page. Off: every "
                        + "e-mail gets the same 'we sent you an e-mail' answer, so the pages do not reveal accounts.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_REVEAL_UNKNOWN_EMAIL)).add()
                .property().name(PasswordLinkConfig.MAIL_COOLDOWN_SECONDS).label("Wait between two mails (seconds)")
                .helpText("The least time between two link mails to one address; a request within it gets the same "
                        + "'we sent you an e-mail' page and nothing is sent. " + PasswordLinkConfig.MAIL_COOLDOWN_MIN
                        + " to " + PasswordLinkConfig.MAIL_COOLDOWN_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_MAIL_COOLDOWN.toSeconds() + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_MAIL_COOLDOWN.toSeconds())).add()
                .property().name(PasswordLinkConfig.MAILS_PER_HOUR).label("Mails per address and hour")
                .helpText("Link mails to one address at most within an hour, counted across the cluster. "
                        + PasswordLinkConfig.MAILS_PER_HOUR_MIN + " to " + PasswordLinkConfig.MAILS_PER_HOUR_MAX
                        + ", default " + PasswordLinkConfig.DEFAULT_MAILS_PER_HOUR + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(PasswordLinkConfig.DEFAULT_MAILS_PER_HOUR)).add()
                .build();
    }
}
