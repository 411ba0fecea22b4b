package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.clientnumber.ClientNumbers;
import hu.ugyfelportal.keycloak.clientnumber.LoginMethod;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.resources.IdentityBrokerService;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;

/**
 * Login and account linking with the DÁP app (OpenID for Verifiable Presentations, cross-device). Instead of
 * redirecting to a remote login page, the browser goes to our own QR page ({@link DapEndpoint}); the phone talks
 * to the endpoint's request and response URIs; the QR page completes the login once the phone has answered.
 */
public class DapIdentityProvider extends AbstractIdentityProvider<DapIdentityProviderModel> {

    private static final Logger LOG = Logger.getLogger(DapIdentityProvider.class);

    public DapIdentityProvider(KeycloakSession session, DapIdentityProviderModel model) {
        super(session, model);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        DapConfig config = getConfig().dapConfig();
        if (!config.isComplete()) {
            LOG.warnf("DÁP identity provider '%s' has no signing key, certificate chain or trusted issuer yet",
                    getConfig().getAlias());
            return errorPage(authSession, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, "dap_not_configured", Messages.NOT_CONFIGURED);
        }
        if (isLinking(authSession) && ClientNumbers.eligible(authSession.getAuthenticatedUser(), LoginMethod.DAP).isEmpty()) {
            return errorPage(authSession, EventType.FEDERATED_IDENTITY_LINK_ERROR, "dap_not_eligible", Messages.LINK_NOT_ELIGIBLE);
        }
        new DapTransactions(session, config).start(authSession);
        URI qrPage = UriBuilder.fromUri(request.getRedirectUri()).path(DapEndpoint.QR_PATH)
                .queryParam(DapEndpoint.CLIENT_ID, authSession.getClient().getClientId())
                .queryParam(DapEndpoint.TAB_ID, authSession.getTabId())
                .build();
        return Response.seeOther(qrPage).build();
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new DapEndpoint(session, realm, this, callback, event);
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

    Response errorPage(AuthenticationSessionModel authSession, EventType type, String error, String messageKey) {
        return errorPage(authSession, type, error, null, messageKey);
    }

    /** @param reason for the administrators' event, or null; never a secret or personal data */
    Response errorPage(AuthenticationSessionModel authSession, EventType type, String error, String reason,
                       String messageKey) {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event(type)
                .detail(Details.IDENTITY_PROVIDER, getConfig().getAlias());
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
                .createErrorPage(Response.Status.BAD_REQUEST);
    }

    /** Message keys of the theme's dap section. */
    static final class Messages {
        static final String NOT_CONFIGURED = "dap.notConfigured";
        static final String LINK_NOT_ELIGIBLE = "dap.linkNotEligible";
        static final String LOGIN_FAILED = "dap.loginFailed";
        static final String ALREADY_LINKED = "dap.alreadyLinked";
        static final String SESSION_EXPIRED = "dap.sessionExpired";
        static final String DECLINED = "dap.declined";
        static final String REJECTED = "dap.rejected";
        static final String EXPIRED = "dap.expired";
        static final String PID_REVOKED = "dap.pidRevoked";
        static final String PID_SUSPENDED = "dap.pidSuspended";
        static final String PID_STATUS_UNAVAILABLE = "dap.pidStatusUnavailable";

        private Messages() {
        }
    }
}
