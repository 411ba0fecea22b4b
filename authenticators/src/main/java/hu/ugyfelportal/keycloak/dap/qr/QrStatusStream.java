package hu.ugyfelportal.keycloak.dap.qr;

import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the QR page waits on: one server-sent-event stream ({@code GET …/endpoint/status}) that tells it, in order,
 * <ul>
 * <li>{@code wait}: at once, and then every {@code dapStatusHoldSeconds} as a keep-alive;</li>
 * <li>{@code qr}: its QR ran out unanswered, here is the next one ({@code image}: PNG data URI, {@code link}: the
 * same content as a link), which the page shows in place of the old one, without a reload;</li>
 * <li>{@code reload} (last): the phone answered, or the login is gone; loading the QR page shows what happened;</li>
 * <li>{@code replaced} (last): a newer stream for the same transaction took over (one held stream per login).</li>
 * </ul>
 * A QR that has already run out when the stream opens is renewed at once, and the stream starts with {@code qr}.
 * A stream the node cannot hold (its limit of held pages, or this browser's share of it) still gets that first word,
 * {@code qr} or {@code wait}, and then ends with only the reconnection delay: the browser's EventSource connects again
 * after it, so a page at capacity learns of its answer or its next QR at each reconnection. While it is open the stream holds no worker thread, KeycloakSession, transaction or database
 * connection (Keycloak closes the request's session as soon as a method returning a {@code Multi} returns): only
 * the connection and one entry in the node's {@link QrPageWaiters}. The next QR is made in a session of its own.
 */
public final class QrStatusStream implements QrPageWaiters.Page {

    private static final String WAIT = "wait";
    private static final String QR = "qr";
    private static final String RELOAD = "reload";
    private static final String REPLACED = "replaced";

    /** Where the browser's login is, to make its next QR without the browser's request. */
    private record Login(KeycloakSessionFactory factory, String realmId, String rootSessionId, String clientId,
                         String tabId, DapConfig config, QrPageWaiters waitingPages, String endpointUri) {
    }

    private final SseEvents events;
    private final Login login;
    private QrPageWaiters.Watch watch;

    private QrStatusStream(SseEvents events, Login login, QrPageWaiters.Watch watch) {
        this.events = events;
        this.login = login;
        this.watch = watch;
    }

    /** The stream for this browser's QR page; {@code endpointUri} is the DÁP endpoint's URL, for the next QR's request_uri. */
    public static Multi<OutboundSseEvent> open(KeycloakSession session, DapConfig config, QrPageWaiters waiters, Sse sse,
                                        Optional<AuthenticationSessionModel> found, String endpointUri) {
        long retryMillis = config.pollIntervalSeconds() * 1000L;
        Optional<QrPageWaiters.Watch> watched = found.flatMap(PageVerdicts::watch);
        DapTransactions transactions = new DapTransactions(session, config, waiters::wake);
        Optional<QrPageWaiters.Verdict> verdict = watched.flatMap(watch -> PageVerdicts.verdict(session.singleUseObjects(), watch));
        if (watched.isEmpty() || verdict.filter(news -> news == QrPageWaiters.Verdict.RELOAD).isPresent()) {
            return reloadNow(sse, config.pollIntervalSeconds());
        }
        AuthenticationSessionModel authSession = found.get();
        Optional<QrOffer> renewed = Optional.empty();
        if (verdict.isPresent()) {
            // Ran out unanswered: the next QR now, in this request's session, as the QR page itself would.
            transactions.start(authSession);
            renewed = Optional.of(QrOffer.of(config, endpointUri, authSession.getAuthNote(DapTransactions.NOTE_REQUEST)));
        }
        QrPageWaiters.Watch watch = PageVerdicts.watch(authSession).orElseThrow();
        String browser = authSession.getParentSession().getId();
        Login login = new Login(session.getKeycloakSessionFactory(), authSession.getRealm().getId(), browser,
                authSession.getClient().getId(), authSession.getTabId(), config, waiters, endpointUri);
        Duration keepAlive = Duration.ofSeconds(config.statusHoldSeconds());
        Optional<QrOffer> first = renewed;
        return Multi.createFrom().emitter(emitter -> {
            SseEvents events = new SseEvents(sse, emitter, retryMillis);
            Optional<Runnable> leave = waiters.await(watch, browser, keepAlive, new QrStatusStream(events, login, watch));
            leave.ifPresent(emitter::onTermination);
            if (first.isPresent()) {
                sendQr(events, first.get());
            } else {
                events.send(WAIT, Map.of(), false);
            }
            if (leave.isEmpty()) {
                // Not held here (the node's or this browser's limit): the page connects again after its pause.
                events.reconnectLater();
            }
        });
    }

    /** A stream whose only event tells the page to reload: the QR page then shows what happened. */
    public static Multi<OutboundSseEvent> reloadNow(Sse sse, int retrySeconds) {
        return Multi.createFrom().emitter(emitter -> new SseEvents(sse, emitter, retrySeconds * 1000L)
                .send(RELOAD, Map.of(), true));
    }

    @Override
    public void keepAlive() {
        events.send(WAIT, Map.of(), false);
    }

    @Override
    public Optional<QrPageWaiters.Watch> renew() {
        Optional<String> requestId = KeycloakModelUtils.runJobInTransactionWithResult(login.factory(), this::startNext);
        if (requestId.isEmpty()) {
            return Optional.empty();
        }
        sendQr(events, QrOffer.of(login.config(), login.endpointUri(), requestId.get()));
        return Optional.of(watch);
    }

    private static void sendQr(SseEvents events, QrOffer next) {
        events.send(QR, Map.of("image", next.image(), "link", next.link()), false);
    }

    @Override
    public void reload() {
        events.send(RELOAD, Map.of(), true);
    }

    @Override
    public void replaced() {
        events.send(REPLACED, Map.of(), true);
    }

    @Override
    public void end() {
        events.end();
    }

    /** The next QR for this login, unless the login is gone or has moved on (another tab, a completed login). */
    private Optional<String> startNext(KeycloakSession session) {
        RealmModel realm = session.realms().getRealm(login.realmId());
        if (realm == null) {
            return Optional.empty();
        }
        session.getContext().setRealm(realm);
        ClientModel client = realm.getClientById(login.clientId());
        RootAuthenticationSessionModel root = session.authenticationSessions().getRootAuthenticationSession(realm,
                login.rootSessionId());
        AuthenticationSessionModel authSession = client == null || root == null ? null
                : root.getAuthenticationSession(client, login.tabId());
        if (authSession == null || !watch.transaction().equals(authSession.getAuthNote(DapTransactions.NOTE_TRANSACTION))) {
            return Optional.empty();
        }
        new DapTransactions(session, login.config(), login.waitingPages()::wake).start(authSession);
        watch = PageVerdicts.watch(authSession).orElseThrow();
        return Optional.of(authSession.getAuthNote(DapTransactions.NOTE_REQUEST));
    }
}
