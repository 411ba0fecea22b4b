package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.CustomerStep;
import hu.ugyfelportal.keycloak.common.LogSafe;
import hu.ugyfelportal.keycloak.common.StepSettings;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.DefaultActionTokenKey;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;


/**
 * The "Regisztrációs oldal" and "Elfelejtett jelszó" pages: asks for the contract e-mail, answers as SPEC §5 says
 * ({@link LinkRequestAnswer}) and e-mails the single-use link. The link is Keycloak's own reset-credentials action
 * token, so Keycloak checks its signature, expiry and earlier use; opening it only brings the customer back into
 * this flow, after which {@link PasswordLinkConfirmAuthenticator} and {@link PasswordLinkConsumeAuthenticator} run.
 */
public final class PasswordLinkRequestAuthenticator extends CustomerStep {

    static final String PURPOSE_NOTE = "ugyfelportal.linkPurpose";
    static final String EMAIL_FIELD = "email";
    static final String DETAIL_PURPOSE = "ugyfelportal_purpose";
    static final String ERROR_ALREADY_REGISTERED = "already_registered";
    static final String ERROR_THROTTLED = "link_mail_throttled";
    static final String ERROR_MISCONFIGURED = "link_misconfigured";
    private static final String SENT_PAGE = "ugyfelportal-link-sent.ftl";
    private static final StepSettings<PasswordLinkConfig> SETTINGS = new StepSettings<>(PasswordLinkConfig.NAME,
            PasswordLinkConfig::from, ERROR_MISCONFIGURED, "passwordLink.unavailable");

    private final LinkMailQueue mailsAfterResponse;
    private final LinkMailQueue eventsAfterResponse;

    /**
     * @param mailsAfterResponse  where the enumeration-safe setting's mails wait (the factory owns both queues)
     * @param eventsAfterResponse where its unknown addresses' events wait, apart, so they never take a mail's place
     */
    PasswordLinkRequestAuthenticator(LinkMailQueue mailsAfterResponse, LinkMailQueue eventsAfterResponse) {
        this.mailsAfterResponse = mailsAfterResponse;
        this.eventsAfterResponse = eventsAfterResponse;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String linkUserId = authSession.getAuthNote(DefaultActionTokenKey.ACTION_TOKEN_USER_ID);
        if (linkUserId != null) {
            // Back through the e-mailed link: Keycloak's token handler has verified it and found an enabled user.
            context.setUser(context.getSession().users().getUserById(context.getRealm(), linkUserId));
            context.success();
            return;
        }
        // Read here too, so that bad settings stop the customer before they type an address, not after.
        if (SETTINGS.readOrErrorPage(context).isEmpty()) {
            return;
        }
        MultivaluedMap<String, String> query = context.getUriInfo().getQueryParameters();
        String requested = query.getFirst(LinkPurpose.PARAMETER);
        // Without the parameter (the language switch, a reload) the customer stays on the page they are on.
        LinkPurpose purpose = requested != null ? LinkPurpose.fromParameter(requested) : purposeOf(authSession);
        authSession.setAuthNote(PURPOSE_NOTE, purpose.name());
        context.challenge(context.form().createForm(purpose.pageTemplate()));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        PasswordLinkConfig config = SETTINGS.readOrErrorPage(context).orElse(null);
        if (config == null) {
            return;
        }
        LinkPurpose purpose = purposeOf(context.getAuthenticationSession());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String email = form.getFirst(EMAIL_FIELD) == null ? "" : form.getFirst(EMAIL_FIELD).trim();
        if (email.isEmpty() || !Validation.isEmailValid(email)) {
            // A mistyped address is told as such, not as an address without an account; it reveals no account. It is
            // a failed request all the same, so it is recorded (the typed text escaped, as every username is).
            failureEvent(context, null, email, purpose).error(Errors.INVALID_EMAIL);
            context.challenge(page(context, email).addError(new FormMessage(EMAIL_FIELD,
                            email.isEmpty() ? "passwordLink.emailMissing" : "passwordLink.emailInvalid"))
                    .createForm(purpose.pageTemplate()));
            return;
        }
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, email);
        UserModel user = context.getSession().users().getUserByEmail(context.getRealm(), email);
        LinkRequestAnswer answer = LinkRequestAnswer.decide(purpose, accountOf(user, config), config);
        switch (answer) {
            case SEND_LINK, PRETEND_SENT -> {
                // Both "sent" answers take a place, so the enumeration-safe answers take the same path.
                LinkMailLimit.Place place = LinkMailLimit.take(context.getSession(), context.getRealm(), email, config);
                if (!place.granted()) {
                    throttledEvent(context, user, purpose, place.refusal());
                    // Every address takes places alike (both "sent" answers), so telling the limit reveals no account.
                    context.challenge(page(context, email).setAttribute("linkRefusal", place.refusal())
                            .setAttribute("retryAfterSeconds", place.retryAfterSeconds())
                            .createForm(SENT_PAGE));
                } else if (answer == LinkRequestAnswer.SEND_LINK) {
                    sendLink(context, user, email, purpose, config, place);
                } else {
                    // Its event is written after the answer, as the known address's mail is sent after it.
                    LinkMailAfterResponse.scheduleEvent(context.getSession(),
                            failureEvent(context, null, email, purpose).clone().getEvent(), Errors.USER_NOT_FOUND,
                            eventsAfterResponse);
                    context.challenge(sentPage(context, email));
                }
            }
            case UNKNOWN_EMAIL_FOR_RESET, UNKNOWN_EMAIL_FOR_REGISTRATION -> {
                failureEvent(context, user, email, purpose).error(Errors.USER_NOT_FOUND);
                context.challenge(answerPage(context, email, answer, purpose));
            }
            case ALREADY_REGISTERED -> {
                failureEvent(context, user, email, purpose).error(ERROR_ALREADY_REGISTERED);
                context.challenge(answerPage(context, email, answer, purpose));
            }
        }
    }

    /**
     * Revealing setting: sent while the customer waits, so a failed send is shown and can be retried. Enumeration-safe
     * setting: only what the link needs is read now; the link is signed and mailed after the answer, which then looks
     * and takes as long as the answer for an unknown address.
     */
    private void sendLink(AuthenticationFlowContext context, UserModel user, String email, LinkPurpose purpose,
                          PasswordLinkConfig config, LinkMailLimit.Place place) {
        KeycloakSession session = context.getSession();
        LinkToSend link = LinkToSend.of(context, user.getId(), user.getEmail(), purpose, config);
        if (!config.revealUnknownEmail()) {
            LinkMailAfterResponse.schedule(session, context.getAuthenticationSession(), link, place,
                    mailsAfterResponse);
        } else if (!link.mail(session, context.getRealm()).send(session, context.getRealm(), user,
                context.getAuthenticationSession(), context.getEvent().clone())) {
            LinkMailLimit.release(session, place);
            context.challenge(page(context, email).setError("passwordLink.sendFailed")
                    .createForm(purpose.pageTemplate()));
            return;
        }
        context.challenge(sentPage(context, email));
    }

    private static LoginFormsProvider page(AuthenticationFlowContext context, String email) {
        return context.form().setAttribute("enteredEmail", email);
    }

    private static Response answerPage(AuthenticationFlowContext context, String email,
                                                          LinkRequestAnswer answer, LinkPurpose purpose) {
        return page(context, email).setAttribute("answer", answer.name()).createForm(purpose.pageTemplate());
    }

    private static Response sentPage(AuthenticationFlowContext context, String email) {
        return page(context, email).createForm(SENT_PAGE);
    }

    /** The request's event for an answer without a mail; the caller ends it with the error. */
    private static EventBuilder failureEvent(AuthenticationFlowContext context, UserModel user, String email,
                                             LinkPurpose purpose) {
        EventBuilder event = context.getEvent().detail(Details.USERNAME, LogSafe.text(email))
                .detail(DETAIL_PURPOSE, purpose.name());
        if (user != null) {
            event.user(user);
        }
        return event;
    }

    /**
     * A side event of its own type (no mail went out), so a clone. No address in the detail: the event names the user
     * when there is one, and why nothing was sent.
     */
    private static void throttledEvent(AuthenticationFlowContext context, UserModel user, LinkPurpose purpose,
                                       String refusal) {
        var event = context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD)
                .detail(DETAIL_PURPOSE, purpose.name()).detail(Details.REASON, refusal);
        if (user != null) {
            event.user(user);
        }
        event.error(ERROR_THROTTLED);
    }

    static LinkPurpose purposeOf(AuthenticationSessionModel authSession) {
        return LinkPurpose.fromNote(authSession.getAuthNote(PURPOSE_NOTE));
    }

    /** The password is read only for the revealing answers (see {@link LinkRequestAnswer.Account#PASSWORD_NOT_READ}). */
    static LinkRequestAnswer.Account accountOf(UserModel user, PasswordLinkConfig config) {
        if (user == null || !user.isEnabled()) {
            return LinkRequestAnswer.Account.NONE;
        }
        if (!config.revealUnknownEmail()) {
            return LinkRequestAnswer.Account.PASSWORD_NOT_READ;
        }
        return hasPassword(user) ? LinkRequestAnswer.Account.WITH_PASSWORD : LinkRequestAnswer.Account.WITHOUT_PASSWORD;
    }

    static boolean hasPassword(UserModel user) {
        return user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
