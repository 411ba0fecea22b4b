package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.CustomerStep;
import hu.ugyfelportal.keycloak.emailcode.CodePurpose;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;

/**
 * The page an e-mailed link opens. Mail scanners fetch links with a plain GET, so this page only asks the
 * customer to go on with "Kérem a kódot" (a POST); the e-mailed code step follows, and only then does
 * {@link PasswordLinkConsumeAuthenticator} use up the link.
 */
public final class PasswordLinkConfirmAuthenticator extends CustomerStep {

    static final String TEMPLATE = "ugyfelportal-link-confirm.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!PasswordLinkConsumeAuthenticator.cameThroughLinkOf(context)) {
            context.failure(AuthenticationFlowError.INVALID_USER, PasswordLinkConsumeAuthenticator.linkErrorPage(context));
            return;
        }
        // A link sets a first password for an account without one, a new one otherwise; the code step that
        // follows speaks of the same.
        CodePurpose purpose = PasswordLinkRequestAuthenticator.hasPassword(context.getUser())
                ? CodePurpose.PASSWORD_RESET : CodePurpose.REGISTRATION;
        purpose.markOn(context.getAuthenticationSession());
        context.challenge(context.form()
                .setAttribute("registration", purpose == CodePurpose.REGISTRATION)
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
}
