package hu.ugyfelportal.keycloak.registration;

import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.concurrent.ExecutorService;

/**
 * Sends a link mail once the request's transaction has committed, on a thread of Keycloak's executors, so the
 * customer's answer never waits for the mail server. The enumeration-safe setting needs it: a known address must
 * not be answered more slowly than an unknown one, for which nothing is sent.
 */
final class LinkMailAfterResponse {

    private static final Logger LOG = Logger.getLogger(LinkMailAfterResponse.class);
    private static final String EXECUTOR = "ugyfelportal-link-mail";

    private LinkMailAfterResponse() {
    }

    /** What the request knew that the mail's own session cannot find again: who, where from, in which language. */
    private record Sender(String realmId, String userId, String clientId, String ipAddress, String languageTag) {
    }

    static void schedule(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user, LinkMail mail,
                         LinkMailLimit.Place place) {
        RealmModel realm = authSession.getRealm();
        Sender sender = new Sender(realm.getId(), user.getId(), authSession.getClient().getClientId(),
                session.getContext().getConnection().getRemoteHost(),
                session.getContext().resolveLocale(user).toLanguageTag());
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> send(factory, sender, mail, place));
            }

            @Override
            protected void rollbackImpl() {
                // The request failed, so its answer did not say a mail was sent: nothing to send.
            }
        });
    }

    private static void send(KeycloakSessionFactory factory, Sender sender, LinkMail mail, LinkMailLimit.Place place) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(sender.realmId());
                session.getContext().setRealm(realm);
                // Without an authentication session, Keycloak's locale selector reads the page's language from here.
                session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, sender.languageTag());
                UserModel user = session.users().getUserById(realm, sender.userId());
                if (user == null) {
                    return;
                }
                EventBuilder event = new EventBuilder(realm, session).client(sender.clientId())
                        .ipAddress(sender.ipAddress());
                if (!mail.send(session, realm, user, null, event)) {
                    LinkMailLimit.release(session, place);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not send a %s link after the answer", mail.purpose());
        }
    }
}
