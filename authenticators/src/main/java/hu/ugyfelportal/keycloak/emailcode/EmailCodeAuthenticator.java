package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.common.CustomerStep;
import hu.ugyfelportal.keycloak.common.StepSettings;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeyManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-mailed login code step: sends a code to the user's address, shows the "Kapott kód" page, checks the entry.
 * The rules are in {@link EmailCodeRules}; this class only moves state between them, the authentication session,
 * the mail server, the page and the event log. It needs a known user, so it works after the password form and in
 * any other flow that has identified the user (e.g. reset credentials).
 */
public class EmailCodeAuthenticator extends CustomerStep {

    static final String PAGE = "email-code.ftl";
    static final String MAIL_TEMPLATE = "email-code.ftl";
    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";
    /** The login attempt's random salt for the code hash, and the id of the realm key it was combined with. */
    static final String SALT_NOTE = EmailCodeState.PREFIX + "salt";
    static final String KEY_ID_NOTE = EmailCodeState.PREFIX + "keyId";

    /** Event detail naming what happened to the code; never the code itself. */
    static final String DETAIL_OUTCOME = "email_code";
    static final String DETAIL_SENDS = "email_code_sends";
    static final String DETAIL_TRIES_LEFT = "email_code_tries_left";
    static final String ERROR_RESEND_TOO_SOON = "email_code_resend_too_soon";
    static final String ERROR_SEND_LIMIT = "email_code_send_limit";
    static final String ERROR_NO_EMAIL = "email_code_no_email";
    static final String ERROR_MISCONFIGURED = "email_code_misconfigured";

    private static final Logger LOG = Logger.getLogger(EmailCodeAuthenticator.class);
    private static final StepSettings<EmailCodeSettings> SETTINGS = new StepSettings<>(EmailCodeSettings.NAME,
            EmailCodeSettings::from, ERROR_MISCONFIGURED, "emailCode.unavailable");

    /** For the salt of the code hash. */
    private final SecureRandom random;

    EmailCodeAuthenticator(SecureRandom random) {
        this.random = random;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        EmailCodeSettings settings = SETTINGS.readOrErrorPage(context).orElse(null);
        if (settings == null || !hasEmailOrErrorPage(context) || isLockedOut(context, settings)) {
            return;
        }
        EmailCodeState state = readState(context.getAuthenticationSession());
        if (state.sends() == 0) {
            sendNewCode(context, settings, state, "emailCode.sent");
        } else {
            // A reload of the page: the code already went out, sending again is the resend button's job.
            context.challenge(page(context, settings, state, null, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        EmailCodeSettings settings = SETTINGS.readOrErrorPage(context).orElse(null);
        if (settings == null || !hasEmailOrErrorPage(context) || isLockedOut(context, settings)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        EmailCodeState state = readState(context.getAuthenticationSession());
        if (form.containsKey(FIELD_RESEND)) {
            resend(context, settings, state);
        } else {
            verify(context, settings, state, form.getFirst(FIELD_CODE));
        }
    }

    private void resend(AuthenticationFlowContext context, EmailCodeSettings settings, EmailCodeState state) {
        EmailCodeRules.Resend decision = new EmailCodeRules(settings).mayResend(state, Time.currentTimeMillis());
        if (decision instanceof EmailCodeRules.TooSoon tooSoon) {
            sendEvent(context).detail(DETAIL_OUTCOME, "resend_too_soon").error(ERROR_RESEND_TOO_SOON);
            context.challenge(page(context, settings, state, null,
                    error("emailCode.resendTooSoon", String.valueOf(tooSoon.secondsToWait()))));
        } else if (decision instanceof EmailCodeRules.LimitReached limit) {
            sendEvent(context).detail(DETAIL_OUTCOME, "send_limit").error(ERROR_SEND_LIMIT);
            context.challenge(page(context, settings, state, null,
                    error("emailCode.tooManySends" + CodePurpose.of(context.getAuthenticationSession()).keySuffix(),
                            String.valueOf(limit.maxSends()))));
        } else {
            sendNewCode(context, settings, state, "emailCode.resent");
        }
    }

    private void verify(AuthenticationFlowContext context, EmailCodeSettings settings, EmailCodeState state,
                        String entered) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EmailCodeRules.Check check = new EmailCodeRules(settings)
                .check(state, entered, hasher(context), Time.currentTimeMillis());
        writeState(authSession, check.state());
        switch (check.outcome()) {
            case ACCEPTED -> {
                // Nothing of this step outlives it: should the flow ask again, a fresh code is sent.
                EmailCodeState.NOTES.forEach(authSession::removeAuthNote);
                authSession.removeAuthNote(SALT_NOTE);
                authSession.removeAuthNote(KEY_ID_NOTE);
                // Goes into the flow's own success event (LOGIN, or the reset flow's event).
                context.getEvent().detail(DETAIL_OUTCOME, "accepted");
                context.success();
            }
            case EMPTY -> context.challenge(page(context, settings, check.state(), null, error("emailCode.missing")));
            case NO_LIVE_CODE -> {
                loginError(context, "no_live_code").error(Errors.INVALID_CODE);
                context.challenge(page(context, settings, check.state(), null, error("emailCode.noLiveCode")));
            }
            case EXPIRED -> {
                loginError(context, "expired").error(Errors.EXPIRED_CODE);
                context.challenge(page(context, settings, check.state(), null, error("emailCode.expired")));
            }
            case WRONG -> {
                loginError(context, "wrong").detail(DETAIL_TRIES_LEFT, String.valueOf(check.triesLeft()))
                        .error(Errors.INVALID_CODE);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page(context, settings,
                        check.state(), null, error("emailCode.wrongCode", String.valueOf(check.triesLeft()))));
            }
            case TOO_MANY_TRIES -> {
                loginError(context, "too_many_tries").detail(DETAIL_TRIES_LEFT, "0").error(Errors.INVALID_CODE);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page(context, settings,
                        check.state(), null, error("emailCode.tooManyTries")));
            }
        }
    }

    /**
     * Sends a fresh code and only then records it: a failed send leaves the state as it was (no undelivered code is
     * kept, the send is not counted, a code delivered earlier stays valid), and the customer can try again.
     */
    private void sendNewCode(AuthenticationFlowContext context, EmailCodeSettings settings, EmailCodeState state,
                             String notice) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        String code = settings.newCode();
        EmailCodeSettings.Lifetime lifetime = settings.lifetimeForPeople();
        CodePurpose purpose = CodePurpose.of(authSession);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("keySuffix", purpose.keySuffix());
        attributes.put("code", code);
        attributes.put("lifetimeAmount", String.valueOf(lifetime.amount()));
        attributes.put("lifetimeInMinutes", lifetime.inMinutes());
        try {
            context.getSession().getProvider(EmailTemplateProvider.class)
                    .setRealm(context.getRealm())
                    .setUser(user)
                    .setAuthenticationSession(authSession)
                    .send("emailCode.mail.subject" + purpose.keySuffix(), List.of(), MAIL_TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf("Could not send the login code e-mail of user %s: %s", user.getId(), e.getMessage());
            sendEvent(context).detail(DETAIL_OUTCOME, "send_failed").detail(Details.REASON, e.getMessage())
                    .error(Errors.EMAIL_SEND_FAILED);
            context.challenge(page(context, settings, state, null, error("emailCode.sendFailed")));
            return;
        }
        EmailCodeState sent = state.withDeliveredCode(hasher(context).hash(code), Time.currentTimeMillis());
        writeState(authSession, sent);
        sendEvent(context).detail(DETAIL_OUTCOME, "sent").detail(DETAIL_SENDS, String.valueOf(sent.sends())).success();
        context.challenge(page(context, settings, sent, notice, null));
    }

    private boolean isLockedOut(AuthenticationFlowContext context, EmailCodeSettings settings) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        loginError(context, "locked").error(bruteForceError);
        context.challenge(page(context, settings, readState(context.getAuthenticationSession()), null,
                error("emailCode.locked")));
        return true;
    }

    private boolean hasEmailOrErrorPage(AuthenticationFlowContext context) {
        String email = context.getUser().getEmail();
        if (email != null && !email.isBlank()) {
            return true;
        }
        loginError(context, "no_email").error(ERROR_NO_EMAIL);
        context.challenge(context.form().setError("emailCode.noEmail").createErrorPage(Response.Status.BAD_REQUEST));
        return false;
    }

    private Response page(AuthenticationFlowContext context, EmailCodeSettings settings, EmailCodeState state,
                          String notice, PageError error) {
        EmailCodeSettings.Lifetime lifetime = settings.lifetimeForPeople();
        Map<String, Object> bean = new HashMap<>();
        bean.put("keySuffix", CodePurpose.of(context.getAuthenticationSession()).keySuffix());
        bean.put("email", context.getUser().getEmail());
        bean.put("liveCode", state.hasLiveCode());
        bean.put("notice", notice != null ? notice : state.hasLiveCode() ? "emailCode.sent" : "");
        bean.put("lifetimeAmount", String.valueOf(lifetime.amount()));
        bean.put("lifetimeInMinutes", lifetime.inMinutes());
        LoginFormsProvider form = context.form().setExecution(context.getExecution().getId());
        if (error != null) {
            form.setError(error.key(), (Object[]) error.parameters());
        }
        return form.setAttribute("emailCode", bean).createForm(PAGE);
    }

    /** The step's outcome: the flow's own event (LOGIN_ERROR, or RESET_PASSWORD_ERROR in the reset flow). */
    private EventBuilder loginError(AuthenticationFlowContext context, String outcome) {
        return context.getEvent().user(context.getUser()).detail(DETAIL_OUTCOME, outcome);
    }

    /**
     * A side event of its own type, so a clone: sends are recorded as SEND_VERIFY_EMAIL (the code proves the customer
     * reads that mailbox), and the flow's event keeps its type for the step's outcome.
     */
    private EventBuilder sendEvent(AuthenticationFlowContext context) {
        return context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL).user(context.getUser())
                .detail(Details.EMAIL, context.getUser().getEmail());
    }

    /**
     * The hasher of this login attempt: the realm's active HMAC key (kept in the database, rotated by the realm's key
     * providers) with a salt of the attempt. The key id is remembered so a rotation during the attempt does not
     * break it; should that key be deleted meanwhile, a new salt and key start over and the old code stops matching.
     */
    private CodeHasher hasher(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        KeyManager keys = context.getSession().keys();
        String salt = authSession.getAuthNote(SALT_NOTE);
        KeyWrapper key = salt == null ? null
                : keys.getKey(context.getRealm(), authSession.getAuthNote(KEY_ID_NOTE), KeyUse.SIG, Algorithm.HS512);
        if (key == null) {
            key = keys.getActiveKey(context.getRealm(), KeyUse.SIG, Algorithm.HS512);
            salt = CodeHasher.newSalt(random);
            authSession.setAuthNote(SALT_NOTE, salt);
            authSession.setAuthNote(KEY_ID_NOTE, key.getKid());
        }
        return CodeHasher.forAttempt(key.getSecretKey().getEncoded(), salt);
    }

    private static EmailCodeState readState(AuthenticationSessionModel authSession) {
        return EmailCodeState.fromNotes(authSession::getAuthNote);
    }

    private static void writeState(AuthenticationSessionModel authSession, EmailCodeState state) {
        state.toNotes().forEach((note, value) -> {
            if (value == null) {
                authSession.removeAuthNote(note);
            } else {
                authSession.setAuthNote(note, value);
            }
        });
    }

    private static PageError error(String key, String... parameters) {
        return new PageError(key, parameters);
    }

    /** A message key and its parameters, formatted by the theme. */
    private record PageError(String key, String[] parameters) {
    }
}
