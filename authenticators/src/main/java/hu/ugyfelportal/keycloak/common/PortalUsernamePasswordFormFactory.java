package hu.ugyfelportal.keycloak.common;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** The realm's password step: Keycloak's form and settings; see {@link PortalUsernamePasswordForm} for what differs. */
public final class PortalUsernamePasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String PROVIDER_ID = "ugyfelportal-username-password-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortalUsernamePasswordForm(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Ügyfélportál: Username Password Form";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's Username Password Form; a typed username with control characters is escaped before it "
                + "goes into events and the log, and a locked account costs the same password hash as a wrong "
                + "password.";
    }
}
