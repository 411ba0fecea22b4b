package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.qr.QrOffer;
import hu.ugyfelportal.keycloak.dap.qr.QrPageWaiters;
import hu.ugyfelportal.keycloak.dap.qr.QrStatusStream;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.DapMessages;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import hu.ugyfelportal.keycloak.dap.transaction.Outcome;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.util.AuthenticationFlowURLHelper;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;
import java.util.function.Function;

/**
 * The DÁP endpoints under {@code /realms/{realm}/broker/{alias}/endpoint}, as Keycloak's broker routes them
 * ({@link DapIdentityProvider#callback}):
 * <ul>
 * <li>{@code GET qr}: the browser's QR page; once the phone has answered, it hands the result to
 * {@link DapIdentityProvider#authenticated}, which completes the login;</li>
 * <li>{@code GET status}: what the page waits on (server-sent events, {@link QrStatusStream});</li>
 * <li>{@code GET cancel}: voids the QR, back to the login page with no error (or the account console when linking);</li>
 * <li>{@code GET} or {@code POST request/{id}} and {@code POST response}: the wallet's, handed to {@link DapWallet}.</li>
 * </ul>
 * The browser's endpoints find their authentication session through Keycloak's own session cookie plus the tab id,
 * so a link copied to another browser finds nothing there. Every browser error goes through
 * {@link #errorPage}; events go on the request's shared {@link EventBuilder}, one per request.
 */
public class DapEndpoint {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DapIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;
    private final QrPageWaiters waitingPages;
    private final DapUrls urls;

    DapEndpoint(KeycloakSession session, RealmModel realm, DapIdentityProvider provider, AuthenticationCallback callback,
                EventBuilder event, QrPageWaiters waitingPages) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
        this.waitingPages = waitingPages;
        this.urls = DapUrls.of(session.getContext().getUri().getBaseUri(), realm.getName(), provider.getConfig().getAlias());
    }

    @GET
    @Path(DapUrls.QR)
    public Response qrPage(@QueryParam(DapUrls.CLIENT_ID) String clientId, @QueryParam(DapUrls.TAB_ID) String tabId) {
        Optional<AuthenticationSessionModel> found = authenticationSession(clientId, tabId);
        Optional<String> settingsError = provider.settingsError();
        if (settingsError.isPresent()) {
            return provider.settingsErrorPage(event, found.orElse(null), settingsError.get());
        }
        if (found.isEmpty()) {
            return errorPage(null, Errors.SESSION_EXPIRED, null, DapMessages.SESSION_EXPIRED);
        }
        AuthenticationSessionModel authSession = found.get();
        DapTransactions transactions = transactions();
        Optional<DapTransactions.Result> result = transactions.takeResult(authSession);
        if (result.isPresent() && result.get().outcome() == Outcome.APPROVED) {
            return provider.authenticated(authSession, result.get(), callback, event);
        }
        String message = null;
        if (result.isPresent()) {
            message = result.get().outcome().messageKey();
            transactions.start(authSession);
        } else if (transactions.isExpired(authSession)) {
            // This page's QR ran out unanswered (the session found has a transaction): a new one, and why.
            message = DapMessages.EXPIRED;
            transactions.start(authSession);
        }
        return qrForm(authSession, clientId, tabId, message);
    }

    /** What the QR page waits on: a stream of server-sent events, see {@link QrStatusStream}. */
    @GET
    @Path(DapUrls.STATUS)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // Not stored by any cache, and not held back by an nginx in front (which honours X-Accel-Buffering).
    @ResponseHeader(name = HttpHeaders.CACHE_CONTROL, value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> status(@QueryParam(DapUrls.CLIENT_ID) String clientId,
                                          @QueryParam(DapUrls.TAB_ID) String tabId, @Context Sse sse) {
        if (provider.settingsError().isPresent()) {
            // The page is told to reload, and the reloaded QR page shows the error.
            return QrStatusStream.reloadNow(sse, DapConfig.DEFAULT_POLL_INTERVAL);
        }
        return QrStatusStream.open(session, config(), waitingPages, sse, authenticationSession(clientId, tabId),
                urls.endpoint());
    }

    @GET
    @Path(DapUrls.CANCEL)
    public Response cancel(@QueryParam(DapUrls.CLIENT_ID) String clientId, @QueryParam(DapUrls.TAB_ID) String tabId) {
        Optional<AuthenticationSessionModel> authSession = authenticationSession(clientId, tabId);
        if (authSession.isEmpty()) {
            return errorPage(null, Errors.SESSION_EXPIRED, null, DapMessages.SESSION_EXPIRED);
        }
        // Voided first: the wallet can no longer answer this QR, and the page (Back button) no longer completes it.
        DapTransactions.discard(session, authSession.get());
        if (!DapIdentityProvider.isLinking(authSession.get())) {
            // A deliberate cancel is no failure: the login page as it was, not Keycloak's "access denied".
            return Response.seeOther(new AuthenticationFlowURLHelper(session, realm, session.getContext().getUri())
                    .getLastExecutionUrl(authSession.get())).build();
        }
        return callback.cancelled(provider.getConfig());
    }

    @GET
    @Path("request/{requestId}")
    public Response requestObject(@PathParam("requestId") String requestId) {
        return toWallet(wallet -> wallet.requestObject(requestId));
    }

    @POST
    @Path("request/{requestId}")
    public Response requestObject(@PathParam("requestId") String requestId, @FormParam("wallet_nonce") String walletNonce,
                                  @FormParam("wallet_metadata") String walletMetadata) {
        return toWallet(wallet -> wallet.requestObject(requestId, walletNonce, walletMetadata));
    }

    @POST
    @Path(DapUrls.RESPONSE)
    @Produces(MediaType.APPLICATION_JSON)
    public Response walletResponse(@FormParam("state") String state, @FormParam("vp_token") String vpToken,
                                   @FormParam("error") String error, @FormParam("response") String encrypted) {
        return toWallet(wallet -> wallet.response(state, vpToken, error, encrypted));
    }

    private Response toWallet(Function<DapWallet, Response> call) {
        Optional<String> settingsError = provider.settingsError();
        if (settingsError.isPresent()) {
            return DapWallet.unavailable(event, provider.getConfig().getAlias(), settingsError.get());
        }
        try {
            return call.apply(new DapWallet(session, config(), transactions(), event, provider.getConfig().getAlias(),
                    urls.response()));
        } catch (RuntimeException e) {
            // DapWallet catches what comes after it used a request or a transaction up; this is what comes before.
            return DapWallet.failed(event, provider.getConfig().getAlias(), "request", e);
        }
    }

    private Response qrForm(AuthenticationSessionModel authSession, String clientId, String tabId, String message) {
        DapConfig config = config();
        QrOffer qr = QrOffer.of(config, urls.endpoint(), authSession.getAuthNote(DapTransactions.NOTE_REQUEST));
        DapPage page = new DapPage(qr, config.qrScheme(),
                urls.browser(DapUrls.QR, clientId, tabId), urls.browser(DapUrls.STATUS, clientId, tabId),
                urls.browser(DapUrls.CANCEL, clientId, tabId), config.pollIntervalSeconds(), config.statusHoldSeconds(),
                DapIdentityProvider.isLinking(authSession));
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute("dap", page);
        if (message != null) {
            form.setError(message);
        }
        return NoStore.build(Response.fromResponse(form.createForm("dap-qr.ftl")));
    }

    /** The browser's one error path: the event on the request's builder, and the portal's error page. */
    private Response errorPage(AuthenticationSessionModel authSession, String error, String reason, String messageKey) {
        return provider.errorPage(event, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, authSession, error, reason, messageKey);
    }

    private Optional<AuthenticationSessionModel> authenticationSession(String clientId, String tabId) {
        if (clientId == null || tabId == null) {
            return Optional.empty();
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            return Optional.empty();
        }
        AuthenticationSessionModel authSession = new AuthenticationSessionManager(session)
                .getCurrentAuthenticationSession(realm, client, tabId);
        if (authSession == null || authSession.getAuthNote(DapTransactions.NOTE_TRANSACTION) == null) {
            return Optional.empty();
        }
        session.getContext().setAuthenticationSession(authSession);
        session.getContext().setClient(client);
        return Optional.of(authSession);
    }

    /** Only after {@link DapIdentityProvider#settingsError()} said the settings serve a login. */
    private DapConfig config() {
        return provider.getConfig().dapConfig();
    }

    private DapTransactions transactions() {
        return new DapTransactions(session, config(), waitingPages::wake);
    }
}
