package hu.ugyfelportal.keycloak.registration;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The page an e-mailed link opens. Mail scanners fetch links with a plain GET, so this page only asks the
 * customer to go on with "Kérem a kódot" (a POST); the e-mailed code step follows, and only then does
 * {@link PasswordLinkConsumeAuthenticator} use up the link.
 */
public final class PasswordLinkConfirmAuthenticator implements Authenticator {

    static final String TEMPLATE = "ugyfelportal-link-confirm.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!PasswordLinkConsumeAuthenticator.cameThroughLinkOf(context)) {
            context.failure(AuthenticationFlowError.INVALID_USER, PasswordLinkConsumeAuthenticator.linkErrorPage(context));
            return;
        }
        context.challenge(context.form()
                .setAttribute("registration", !PasswordLinkRequestAuthenticator.hasPassword(context.getUser()))
                .setAttribute("linkEmail", context.getUser().getEmail())
                .createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (!PasswordLinkConsumeAuthenticator.cameThroughLinkOf(context)) {
            context.failure(AuthenticationFlowError.INVALID_USER, PasswordLinkConsumeAuthenticator.linkErrorPage(context));
            return;
        }
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
