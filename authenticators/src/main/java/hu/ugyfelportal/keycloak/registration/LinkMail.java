package hu.ugyfelportal.keycloak.registration;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.HashMap;
import java.util.Map;

/**
 * One registration or password link mail, ready to send: the same mail and the same events whether it is sent while
 * the customer waits or after the answer ({@link LinkMailAfterResponse}).
 *
 * @param linkLifetimeMinutes rounded up, so a link that still works is never announced as "0 minutes"
 */
record LinkMail(LinkPurpose purpose, String link, long linkLifetimeMinutes) {

    private static final Logger LOG = Logger.getLogger(LinkMail.class);

    /**
     * Sends the mail and records it; the language is the session's (the authentication session's, or the one set
     * for a send after the answer).
     *
     * @return whether the mail server took the mail
     */
    boolean send(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession,
                 EventBuilder event) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("linkLifetimeMinutes", linkLifetimeMinutes);
        event.event(EventType.SEND_RESET_PASSWORD).user(user)
                .detail(PasswordLinkRequestAuthenticator.DETAIL_PURPOSE, purpose.name());
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .setAuthenticationSession(authSession)
                    .send(purpose.mailSubjectKey(), purpose.mailTemplate(), attributes);
        } catch (EmailException e) {
            // The link is in the message, so the exception is logged without it.
            LOG.warnf("Could not send the %s link to user %s: %s", purpose, user.getId(), e.getMessage());
            event.detail(Details.REASON, e.getMessage()).error(Errors.EMAIL_SEND_FAILED);
            return false;
        }
        event.detail(Details.EMAIL, user.getEmail()).success();
        return true;
    }
}
