package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.CustomerStep;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Uses up the e-mailed link, after the customer confirmed and passed the e-mailed code. Keycloak itself would
 * only revoke the link after the new password is saved; revoking it here makes "confirming" the moment of use,
 * so a link that was confirmed once cannot be confirmed again in another browser.
 */
public final class PasswordLinkConsumeAuthenticator extends CustomerStep {

    static final String ERROR_TEMPLATE = "ugyfelportal-link-error.ftl";
    /** Keeps the revocation a little beyond the token's expiry, as Keycloak does for its own action tokens. */
    private static final long CLOCK_SKEW_SECONDS = 60;

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String tokenKey = authSession.getAuthNote(AuthenticationManager.INVALIDATE_ACTION_TOKEN);
        DefaultActionTokenKey key = tokenKey == null ? null : DefaultActionTokenKey.from(tokenKey);
        if (key == null || !cameThroughLinkOf(context)) {
            context.getEvent().user(context.getUser()).error(Errors.INVALID_CODE);
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS, linkErrorPage(context));
            return;
        }
        long remainingSeconds = key.getExp() - Time.currentTimeSeconds();
        if (remainingSeconds <= 0 || !context.getSession().revokedTokens().put(tokenKey, remainingSeconds + CLOCK_SKEW_SECONDS)) {
            context.getEvent().user(context.getUser()).error(Errors.EXPIRED_CODE);
            context.failure(AuthenticationFlowError.EXPIRED_CODE, linkErrorPage(context));
            return;
        }
        // Used up here, so Keycloak must not try to use it up again once the password is saved.
        authSession.removeAuthNote(AuthenticationManager.INVALIDATE_ACTION_TOKEN);
        // After the new password the customer logs in afresh: only the login flow runs the steps that choose the
        // client number that goes into the portal's tokens.
        authSession.setAuthNote(AuthenticationManager.END_AFTER_REQUIRED_ACTIONS, "true");
        context.success();
    }

    /**
     * Never called, as for Keycloak's own steps without a form ({@code CookieAuthenticator}, {@code
     * DenyAccessAuthenticator}): Keycloak calls {@code action} only for a POST naming the execution whose page is
     * shown, with that page's session code ({@code AuthenticationProcessor.authenticationAction},
     * {@code SessionCodeChecks}). This step either succeeds without a page or shows the link error page, which has no
     * form and hands out no live session code (a POST to its own address gets Keycloak's "page expired").
     */
    @Override
    public void action(AuthenticationFlowContext context) {
    }

    /** True when this login came through an e-mailed link for the user the flow has found. */
    static boolean cameThroughLinkOf(AuthenticationFlowContext context) {
        String linkUserId = context.getAuthenticationSession().getAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID);
        return linkUserId != null && context.getUser() != null && linkUserId.equals(context.getUser().getId());
    }

    static Response linkErrorPage(AuthenticationFlowContext context) {
        return context.form().createForm(ERROR_TEMPLATE);
    }
}
