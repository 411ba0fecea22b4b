package hu.ugyfelportal.keycloak.common;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Keycloak's Username Password Form with two changes that keep a failed login from telling anything:
 * <ul>
 *   <li>a typed username with control characters is escaped before Keycloak puts it into the event and the log (no
 *       real username holds such characters, so which user is found does not change);</li>
 *   <li>a locked account costs the same password hash as a wrong password. Keycloak refuses a locked account before
 *       it checks the password, so without this the answer comes a hash sooner, and an attacker who has locked an
 *       address with wrong passwords could tell by the time that the account exists (an unknown address costs
 *       Keycloak's dummy hash).</li>
 * </ul>
 */
final class PortalUsernamePasswordForm extends UsernamePasswordForm {

    PortalUsernamePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        String username = formData.getFirst(AuthenticationManager.FORM_USERNAME);
        String escaped = username == null ? null : LogSafe.text(username, username.length());
        if (escaped == null || escaped.equals(username)) {
            return super.validateForm(context, formData);
        }
        MultivaluedMap<String, String> safe = new MultivaluedHashMap<>(formData);
        safe.putSingle(AuthenticationManager.FORM_USERNAME, escaped);
        return super.validateForm(context, safe);
    }

    @Override
    protected boolean isDisabledByBruteForce(AuthenticationFlowContext context, UserModel user) {
        if (!super.isDisabledByBruteForce(context, user)) {
            return false;
        }
        String password = context.getHttpRequest().getDecodedFormParameters()
                .getFirst(CredentialRepresentation.PASSWORD);
        if (password != null && !password.isEmpty()) {
            // The same work as a wrong password, with the account's own hash parameters; the result is not used, so
            // the right password still does not open a locked account, and no failure is counted.
            user.credentialManager().isValid(UserCredentialModel.password(password));
        }
        return true;
    }
}
