package hu.ugyfelportal.keycloak.dap;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.keycloak.common.LogSafe;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseEncryptionKey;
import hu.ugyfelportal.keycloak.dap.protocol.WalletResponse;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The DÁP endpoints under {@code /realms/{realm}/broker/{alias}/endpoint}:
 * <ul>
 * <li>{@code GET qr}: the browser's QR page; it also completes the login once the phone has answered;</li>
 * <li>{@code GET status}: what the page waits on (server-sent events): keep-alives, the next QR, reload;</li>
 * <li>{@code GET cancel}: voids the QR, back to the login page (or the account console when linking);</li>
 * <li>{@code GET} or {@code POST request/{id}}: the wallet's request_uri ({@link DapRequestUri});</li>
 * <li>{@code POST response}: the wallet's response_uri ({@code direct_post} or {@code direct_post.jwt}).</li>
 * </ul>
 * The browser's endpoints find their authentication session through Keycloak's own session cookie plus the tab id,
 * so a link copied to another browser finds nothing there.
 */
public class DapEndpoint {

    static final String QR_PATH = "qr";
    static final String CLIENT_ID = "client_id";
    static final String TAB_ID = "tab_id";
    static final String CLAIMS = "dap.claims";

    private static final Logger LOG = Logger.getLogger(DapEndpoint.class);
    /** A reason may quote what the wallet sent (its error code): escaped and cut before it is stored. */
    private static final int MAX_REASON_LENGTH = 256;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DapIdentityProvider provider;
    private final AuthenticationCallback callback;
    private final EventBuilder event;
    private final DapConfig config;
    private final DapTransactions transactions;

    DapEndpoint(KeycloakSession session, RealmModel realm, DapIdentityProvider provider, AuthenticationCallback callback,
                EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.callback = callback;
        this.event = event;
        this.config = provider.getConfig().dapConfig();
        this.transactions = new DapTransactions(session, config);
    }

    @GET
    @Path(QR_PATH)
    public Response qrPage(@QueryParam(CLIENT_ID) String clientId, @QueryParam(TAB_ID) String tabId) {
        Optional<AuthenticationSessionModel> found = authenticationSession(clientId, tabId);
        if (found.isEmpty()) {
            return provider.errorPage(null, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, Errors.SESSION_EXPIRED,
                    DapIdentityProvider.Messages.SESSION_EXPIRED);
        }
        AuthenticationSessionModel authSession = found.get();
        Optional<DapTransactions.Result> result = transactions.takeResult(authSession);
        if (result.isPresent() && result.get().outcome() == DapTransactions.Outcome.APPROVED) {
            return complete(authSession, result.get());
        }
        String message = null;
        if (result.isPresent()) {
            message = result.get().outcome().messageKey();
            transactions.start(authSession);
        } else if (transactions.isExpired(authSession)) {
            message = transactions.isStarted(authSession) ? DapIdentityProvider.Messages.EXPIRED : null;
            transactions.start(authSession);
        }
        return qrForm(authSession, clientId, tabId, message);
    }

    /** What the QR page waits on: a stream of server-sent events, see {@link QrStatusStream}. */
    @GET
    @Path("status")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    // Not stored by any cache, and not held back by an nginx in front (which honours X-Accel-Buffering).
    @ResponseHeader(name = HttpHeaders.CACHE_CONTROL, value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> status(@QueryParam(CLIENT_ID) String clientId, @QueryParam(TAB_ID) String tabId,
                                          @Context Sse sse) {
        return QrStatusStream.open(session, config, sse, authenticationSession(clientId, tabId), endpoint().build().toString());
    }

    @GET
    @Path("cancel")
    public Response cancel(@QueryParam(CLIENT_ID) String clientId, @QueryParam(TAB_ID) String tabId) {
        Optional<AuthenticationSessionModel> authSession = authenticationSession(clientId, tabId);
        if (authSession.isEmpty()) {
            return provider.errorPage(null, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, Errors.SESSION_EXPIRED,
                    DapIdentityProvider.Messages.SESSION_EXPIRED);
        }
        // Voided first: the wallet can no longer answer this QR, and the page (Back button) no longer completes it.
        transactions.discard(authSession.get());
        return callback.cancelled(provider.getConfig());
    }

    /** The wallet's request_uri, by GET or POST: {@link DapRequestUri}. */
    @Path("request/{requestId}")
    public DapRequestUri requestUri(@PathParam("requestId") String requestId) {
        return new DapRequestUri(this, transactions, config, requestId);
    }

    /**
     * The wallet's response_uri: a presentation or an error, for one fetched transaction, once. A plain answer
     * ({@code direct_post}) names its transaction by {@code state}; an encrypted one ({@code direct_post.jwt}) by the
     * {@code kid} of the key made for it, and carries the {@code state} inside. Whatever arrives, the transaction it
     * names is used up.
     */
    @POST
    @Path("response")
    @Produces(MediaType.APPLICATION_JSON)
    public Response walletResponse(@FormParam("state") String state, @FormParam("vp_token") String vpToken,
                                   @FormParam("error") String error, @FormParam("response") String encrypted) {
        Optional<DapTransactions.Pending> pending;
        try {
            pending = encrypted == null ? transactions.takeTransaction(state)
                    : transactions.takeTransactionByKeyId(ResponseEncryptionKey.keyIdOf(encrypted));
        } catch (PresentationRejectedException e) {
            walletEvent("dap_unknown_transaction", e.reason());
            return walletError(Response.Status.BAD_REQUEST, "invalid_request", "The response is not a readable JWE");
        }
        if (pending.isEmpty()) {
            walletEvent("dap_unknown_transaction", "state or kid unknown, already answered or expired");
            return walletError(Response.Status.BAD_REQUEST, "invalid_request", "Unknown, answered or expired request");
        }
        String transaction = pending.get().transaction();
        try {
            WalletResponse answer = WalletResponse.read(pending.get().responseMode(), pending.get().encryptionKey(),
                    transaction, new WalletResponse.Form(state, vpToken, error, encrypted));
            if (answer.declined()) {
                transactions.saveResult(transaction, new DapTransactions.Result(DapTransactions.Outcome.DECLINED, null, null));
                walletEvent("dap_declined", "wallet answered " + answer.error());
                return noStore(Response.ok(Map.of(), MediaType.APPLICATION_JSON_TYPE));
            }
            Map<String, Object> claims = config.presentationVerifier()
                    .verify(answer.vpToken(), config.verifierIdentity().clientId(), pending.get().nonce());
            new PidStatusCheck(session, config).check(claims);
            String subject = DapSubject.of(config, claims);
            transactions.saveResult(transaction, new DapTransactions.Result(DapTransactions.Outcome.APPROVED, subject,
                    JsonSerialization.writeValueAsString(claims)));
            return noStore(Response.ok(Map.of(), MediaType.APPLICATION_JSON_TYPE));
        } catch (PresentationRejectedException e) {
            transactions.saveResult(transaction, new DapTransactions.Result(DapTransactions.Outcome.refusing(e), null, null));
            walletEvent(e.eventError(), e.reason());
            return walletError(Response.Status.BAD_REQUEST, "invalid_request", "The presentation was not accepted");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response complete(AuthenticationSessionModel authSession, DapTransactions.Result result) {
        Map<String, Object> claims = readClaims(result.claimsJson());
        BrokeredIdentityContext identity = new BrokeredIdentityContext(result.subject(), provider.getConfig());
        identity.setIdp(provider);
        identity.setAuthenticationSession(authSession);
        // Keycloak writes the broker username into events and the log: the hashed subject, never the person's name.
        identity.setUsername(result.subject());
        identity.setFirstName(text(claims.get("given_name")));
        identity.setLastName(text(claims.get("family_name")));
        identity.getContextData().put(CLAIMS, claims);

        DapLinkedUser linked = DapLinkedUser.find(session, realm, provider.getConfig().getAlias(), result.subject());
        if (DapIdentityProvider.isLinking(authSession)) {
            if (linked.isLinkedToAnotherThan(authSession.getAuthenticatedUser())) {
                return callback.error(provider.getConfig(), DapIdentityProvider.Messages.ALREADY_LINKED);
            }
        } else {
            Optional<String> refusal = linked.loginRefusal();
            if (refusal.isPresent()) {
                return provider.errorPage(authSession, EventType.IDENTITY_PROVIDER_LOGIN_ERROR, refusal.get(),
                        linked.conflictReason(), DapIdentityProvider.Messages.LOGIN_FAILED);
            }
        }
        return callback.authenticated(identity);
    }

    private Response qrForm(AuthenticationSessionModel authSession, String clientId, String tabId, String message) {
        QrOffer qr = QrOffer.of(config, endpoint().build().toString(), authSession.getAuthNote(DapTransactions.NOTE_REQUEST));
        DapPage page = new DapPage(qr, config.qrScheme(),
                browserUrl(QR_PATH, clientId, tabId), browserUrl("status", clientId, tabId),
                browserUrl("cancel", clientId, tabId), config.pollIntervalSeconds(), config.statusHoldSeconds(),
                DapIdentityProvider.isLinking(authSession));
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAuthenticationSession(authSession)
                .setAttribute("dap", page);
        if (message != null) {
            form.setError(message);
        }
        return noStore(Response.fromResponse(form.createForm("dap-qr.ftl")));
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

    void walletEvent(String error, String reason) {
        event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, provider.getConfig().getAlias())
                .detail(Details.REASON, LogSafe.text(reason, MAX_REASON_LENGTH))
                .error(error);
        LOG.debugf("DÁP wallet request refused: %s (%s)", error, LogSafe.text(reason, MAX_REASON_LENGTH));
    }

    private UriBuilder endpoint() {
        return UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                .path("realms").path(realm.getName()).path("broker").path(provider.getConfig().getAlias()).path("endpoint");
    }

    String responseUri() {
        return endpoint().path("response").build().toString();
    }

    private String browserUrl(String path, String clientId, String tabId) {
        return endpoint().path(path).queryParam(CLIENT_ID, clientId).queryParam(TAB_ID, tabId).build().toString();
    }

    static Response walletError(Response.Status status, String error, String description) {
        return noStore(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "error_description", description)));
    }

    static Response noStore(Response.ResponseBuilder response) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return response.cacheControl(noStore).build();
    }

    private static Map<String, Object> readClaims(String json) {
        try {
            return JsonSerialization.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
