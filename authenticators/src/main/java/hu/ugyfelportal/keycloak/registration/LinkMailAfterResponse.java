package hu.ugyfelportal.keycloak.registration;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.Event;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Sends a link mail once the request's transaction has committed, through this node's {@link LinkMailQueue}, so the
 * customer's answer never waits for the mail server (nor for signing the link, {@link LinkToSend}); an unknown
 * address's event is written after the answer the same way. The enumeration-safe setting needs it: a known address must
 * not be answered more slowly than an unknown one, for which nothing is sent. A mail that is not sent (queue full,
 * link expired while waiting, an error, shutdown) gives its place in the address's {@link LinkMailLimit} back and
 * leaves a {@code SEND_RESET_PASSWORD} error event with the reason, so the customer can ask again at once.
 */
final class LinkMailAfterResponse {

    static final String NOT_SENT_LINK_EXPIRED = "link_expired_in_queue";
    private static final Logger LOG = Logger.getLogger(LinkMailAfterResponse.class);

    private LinkMailAfterResponse() {
    }

    /**
     * What the request knew that the mail's own session cannot find again: where from, and the languages of Keycloak's
     * order that only the request has: the one chosen on the page, then (after the customer's own, which the mail's
     * session reads) the client's, the cookie's or the browser's.
     */
    private record Sender(String realmId, String clientId, String ipAddress, String chosenLanguage,
                          String requestLanguage) {

        String languageFor(UserModel user) {
            if (chosenLanguage != null) {
                return chosenLanguage;
            }
            return user.getFirstAttribute(UserModel.LOCALE) != null ? null : requestLanguage;
        }
    }

    static void schedule(KeycloakSession session, AuthenticationSessionModel authSession, LinkToSend link,
                         LinkMailLimit.Place place, LinkMailQueue queue) {
        Sender sender = new Sender(authSession.getRealm().getId(), authSession.getClient().getClientId(),
                session.getContext().getConnection().getRemoteHost(),
                authSession.getAuthNote(LocaleSelectorProvider.USER_REQUEST_LOCALE),
                session.getContext().resolveLocale(null).toLanguageTag());
        afterCommit(session, queue, new QueuedMail(session.getKeycloakSessionFactory(), sender, link, place));
    }

    /** Writes the request's event (an answer without a mail) after the answer, ended with {@code error}. */
    static void scheduleEvent(KeycloakSession session, Event event, String error, LinkMailQueue queue) {
        afterCommit(session, queue, new QueuedEvent(session.getKeycloakSessionFactory(),
                session.getContext().getRealm().getId(), event, error));
    }

    private static void afterCommit(KeycloakSession session, LinkMailQueue queue, LinkMailQueue.Job job) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                queue.offer(job);
            }

            @Override
            protected void rollbackImpl() {
                // The request failed, so its answer did not say a mail was sent: nothing to send or record.
            }
        });
    }

    /** An event, written later; one that cannot wait in the queue is written at once, never lost. */
    private record QueuedEvent(KeycloakSessionFactory factory, String realmId, Event event, String error)
            implements LinkMailQueue.Job {

        @Override
        public void send() {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                EventBuilder builder = new EventBuilder(realm, session).event(event.getType())
                        .client(event.getClientId()).ipAddress(event.getIpAddress()).session(event.getSessionId());
                if (event.getDetails() != null) {
                    event.getDetails().forEach(builder::detail);
                }
                builder.error(error);
            });
        }

        @Override
        public void giveBack(String reason) {
            send();
        }
    }

    private record QueuedMail(KeycloakSessionFactory factory, Sender sender, LinkToSend link,
                              LinkMailLimit.Place place) implements LinkMailQueue.Job {

        @Override
        public void send() {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(sender.realmId());
                session.getContext().setRealm(realm);
                UserModel user = session.users().getUserById(realm, link.userId());
                if (user != null && sender.languageFor(user) != null) {
                    // Without an authentication session, Keycloak's locale selector reads this language from here.
                    session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, sender.languageFor(user));
                }
                if (user == null) {
                    LinkMailLimit.release(session, place);
                } else if (link.expired()) {
                    // A link that no longer works would only confuse; the customer may ask for a new one at once.
                    notSent(session, realm, NOT_SENT_LINK_EXPIRED);
                } else if (!link.mail(session, realm).send(session, realm, user, null, event(session, realm))) {
                    LinkMailLimit.release(session, place);
                }
            });
        }

        @Override
        public void giveBack(String reason) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(sender.realmId());
                    session.getContext().setRealm(realm);
                    notSent(session, realm, reason);
                });
            } catch (RuntimeException e) {
                // Then the place expires by itself, within the limit's hour.
                LOG.warnf(e, "Could not give back the place of a %s link mail that was not sent (%s)",
                        link.purpose(), reason);
            }
        }

        private void notSent(KeycloakSession session, RealmModel realm, String reason) {
            LinkMailLimit.release(session, place);
            event(session, realm).event(EventType.SEND_RESET_PASSWORD).user(link.userId())
                    .detail(PasswordLinkRequestAuthenticator.DETAIL_PURPOSE, link.purpose().name())
                    .detail(Details.REASON, reason).error(Errors.EMAIL_SEND_FAILED);
        }

        private EventBuilder event(KeycloakSession session, RealmModel realm) {
            return new EventBuilder(realm, session).client(sender.clientId()).ipAddress(sender.ipAddress());
        }
    }
}
