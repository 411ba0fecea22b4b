package hu.ugyfelportal.keycloak.common;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Keycloak's Username Password Form, except that a typed username with control characters is escaped before
 * Keycloak puts it into the event and the log. No real username holds such characters, so which user is found does
 * not change; an ordinary username is passed on untouched.
 */
final class EscapingUsernamePasswordForm extends UsernamePasswordForm {

    EscapingUsernamePasswordForm(KeycloakSession session) {
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
}
