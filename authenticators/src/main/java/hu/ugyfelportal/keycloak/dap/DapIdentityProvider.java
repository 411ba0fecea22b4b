package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.clientnumber.ClientNumbers;
import hu.ugyfelportal.keycloak.clientnumber.LoginMethod;
import hu.ugyfelportal.keycloak.common.ConfigReader;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.qr.QrPageWaiters;
import hu.ugyfelportal.keycloak.dap.service.DapClaims;
import hu.ugyfelportal.keycloak.dap.service.DapLinkedUser;
import hu.ugyfelportal.keycloak.dap.service.DapMessages;
import hu.ugyfelportal.keycloak.dap.service.DapPseudonymKeys;
import hu.ugyfelportal.keycloak.dap.service.DapSubject;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;

import java.io.IOException;
import java.net.URI;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Login and account linking with the DÁP app (OpenID for Verifiable Presentations, cross-device). Instead of
 * redirecting to a remote login page, the browser goes to our own QR page ({@link DapEndpoint}); the phone talks
 * to the endpoint's request and response URIs ({@link DapWallet}); once it has answered, the QR page hands the result
 * back here ({@link #authenticated}), which builds the identity for Keycloak's broker, as
 * {@code AbstractOAuth2IdentityProvider} does for its endpoint.
 */
public class DapIdentityProvider extends AbstractIdentityProvider<DapIdentityProviderModel> {

    static final String ERROR_NOT_CONFIGURED = "dap_not_configured";
    static final String ERROR_MISCONFIGURED = "dap_misconfigured";
    private static final Logger LOG = Logger.getLogger(DapIdentityProvider.class);

    private final QrPageWaiters waitingPages;
    private final Predicate<IdentityProviderModel> firstReport;

    /**
     * @param waitingPages this node's waiting QR pages ({@link DapIdentityProviderFactory} owns them)
     * @param firstReport  true the first time this node reports these settings: a wrong setting is logged once per
     *                     change, not at each reconnection of a waiting page
     */
    public DapIdentityProvider(KeycloakSession session, DapIdentityProviderModel model, QrPageWaiters waitingPages,
                               Predicate<IdentityProviderModel> firstReport) {
        super(session, model);
        this.waitingPages = waitingPages;
        this.firstReport = firstReport;
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        // Keycloak hands a provider's performLogin no event builder: this request's one event gets its own.
        EventBuilder event = new EventBuilder(authSession.getRealm(), session, session.getContext().getConnection());
        Optional<String> settingsError = settingsError();
        if (settingsError.isPresent()) {
            return settingsErrorPage(event, authSession, settingsError.get());
        }
        if (isLinking(authSession) && ClientNumbers.eligible(authSession.getAuthenticatedUser(), LoginMethod.DAP).isEmpty()) {
            return errorPage(event, EventType.FEDERATED_IDENTITY_LINK_ERROR, authSession, "dap_not_eligible", null,
                    DapMessages.LINK_NOT_ELIGIBLE);
        }
        new DapTransactions(session, getConfig().dapConfig(), waitingPages::wake).start(authSession);
        URI qrPage = URI.create(new DapUrls(URI.create(request.getRedirectUri()))
                .browser(DapUrls.QR, authSession.getClient().getClientId(), authSession.getTabId()));
        return Response.seeOther(qrPage).build();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new DapEndpoint(session, realm, this, callback, event, waitingPages);
    }

    /**
     * Why these settings cannot serve a login (the event's error), or empty when they can. Wrong settings are refused
     * when an administrator saves them; they reach a login only from an older version's data or a hand-edited
     * database, and are then logged by name (never a key's content), once per change of the settings on each node.
     */
    Optional<String> settingsError() {
        try {
            if (!getConfig().dapConfig().isComplete()) {
                if (firstReport.test(getConfig())) {
                    LOG.warnf("DÁP identity provider '%s' has no signing key, certificate chain or trusted issuer yet",
                            getConfig().getAlias());
                }
                return Optional.of(ERROR_NOT_CONFIGURED);
            }
            DapPseudonymKeys.of(session, session.getContext().getRealm());
            return Optional.empty();
        } catch (IllegalStateException e) {
            if (firstReport.test(getConfig())) {
                LOG.warnf("DÁP identity provider '%s' cannot serve a login: %s", getConfig().getAlias(), e.getMessage());
            }
            return Optional.of(ERROR_NOT_CONFIGURED);
        } catch (ConfigReader.InvalidSettingsException e) {
            if (firstReport.test(getConfig())) {
                LOG.errorf("DÁP identity provider '%s' cannot serve a login: %s", getConfig().getAlias(),
                        e.problemsForLog());
            }
            return Optional.of(ERROR_MISCONFIGURED);
        }
    }

    /**
     * The phone approved: Keycloak's broker gets the identity (a login, or a link to the logged-in user) unless the
     * linked-user rules refuse it. The identity is refused here rather than by Keycloak (see {@link DapLinkedUser}),
     * and a link stored under an earlier form of the pseudonym is moved to the current one first.
     */
    Response authenticated(AuthenticationSessionModel authSession, DapTransactions.Result result,
                           AuthenticationCallback callback, EventBuilder event) {
        Map<String, Object> claims = DapClaims.fromJson(result.claimsJson());
        RealmModel realm = authSession.getRealm();
        DapSubject subject;
        try {
            subject = DapSubject.of(getConfig().dapConfig(), claims, DapPseudonymKeys.of(session, realm));
        } catch (PresentationRejectedException | IllegalStateException e) {
            // Checked when the wallet answered: only settings changed since then get here.
            LOG.errorf("DÁP identity provider '%s' cannot finish a login: %s", getConfig().getAlias(), e.getMessage());
            return settingsErrorPage(event, authSession, ERROR_MISCONFIGURED);
        }
        DapLinkedUser linked = DapLinkedUser.find(session, realm, getConfig().getAlias(), subject);
        if (isLinking(authSession)) {
            if (linked.isLinkedToAnotherThan(authSession.getAuthenticatedUser())) {
                return callback.error(getConfig(), DapMessages.ALREADY_LINKED);
            }
        } else {
            Optional<String> refusal = linked.loginRefusal();
            if (refusal.isPresent()) {
                return errorPage(event, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, authSession, refusal.get(),
                        linked.conflictReason(), DapMessages.LOGIN_FAILED);
            }
        }
        String newLinkName = newLinkName(authSession);
        String linkName = linked.linkName(session, realm, getConfig().getAlias(), subject, newLinkName)
                .orElse(newLinkName);
        return callback.authenticated(identity(authSession, subject.pseudonym(), linkName, claims));
    }

    /**
     * Keycloak writes the broker username into the link (the account console shows it beside "DÁP"), events and the
     * log: words a customer understands, in the language of the page, with the day of linking; no name, identifier or
     * pseudonym. Keycloak keeps it in lower case.
     */
    private String newLinkName(AuthenticationSessionModel authSession) {
        Locale locale = session.getContext().resolveLocale(authSession.getAuthenticatedUser());
        String day = LocalDate.ofInstant(Instant.ofEpochSecond(Time.currentTime()), ZoneId.systemDefault()).toString();
        try {
            String pattern = session.theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(authSession.getRealm(), locale).getProperty(DapMessages.LINK_NAME);
            if (pattern != null) {
                return new MessageFormat(pattern, locale).format(new Object[]{day});
            }
        } catch (IOException e) {
            LOG.warnf("DÁP link name in the default words: the login theme's messages cannot be read (%s)",
                    e.getMessage());
        }
        return day;
    }

    private BrokeredIdentityContext identity(AuthenticationSessionModel authSession, String pseudonym, String linkName,
                                             Map<String, Object> claims) {
        BrokeredIdentityContext identity = new BrokeredIdentityContext(pseudonym, getConfig());
        identity.setIdp(this);
        identity.setAuthenticationSession(authSession);
        identity.setUsername(linkName);
        identity.setFirstName(text(claims.get("given_name")));
        identity.setLastName(text(claims.get("family_name")));
        DapClaims.attach(identity, claims);
        return identity;
    }

    /** DÁP gives no token to store or hand out: a presentation proves who the person is, once. */
    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity, UserSessionModel userSession,
                                  UserModel user) {
        return retrieveToken(session, identity);
    }

    /** Set by Keycloak when a logged-in user links an identity provider (account console or kc_action=idp_link). */
    static boolean isLinking(AuthenticationSessionModel authSession) {
        return authSession.getAuthNote(IdentityBrokerService.LINKING_IDENTITY_PROVIDER) != null;
    }

    /**
     * The page for settings that cannot serve a login: 503, as every step answers its bad settings, since DÁP is
     * unavailable until an administrator completes or fixes them.
     */
    Response settingsErrorPage(EventBuilder event, AuthenticationSessionModel authSession, String error) {
        return errorPage(event, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, authSession, error, null,
                DapMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE);
    }

    /**
     * The portal's error page with this request's one event on {@code event}.
     *
     * @param authSession the login, or null when none was found
     * @param reason      for the administrators' event, or null; never a secret or personal data
     */
    Response errorPage(EventBuilder event, EventType type, AuthenticationSessionModel authSession, String error,
                       String reason, String messageKey) {
        return errorPage(event, type, authSession, error, reason, messageKey, Response.Status.BAD_REQUEST);
    }

    private Response errorPage(EventBuilder event, EventType type, AuthenticationSessionModel authSession,
                               String error, String reason, String messageKey, Response.Status status) {
        event.event(type).detail(Details.IDENTITY_PROVIDER, getConfig().getAlias());
        if (reason != null) {
            event.detail(Details.REASON, reason);
        }
        UserModel user = authSession == null ? null : authSession.getAuthenticatedUser();
        if (user != null) {
            event.user(user);
        }
        event.error(error);
        return session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setError(messageKey)
                .createErrorPage(status);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
