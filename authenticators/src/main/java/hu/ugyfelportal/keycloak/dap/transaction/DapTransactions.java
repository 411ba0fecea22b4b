package hu.ugyfelportal.keycloak.dap.transaction;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import hu.ugyfelportal.keycloak.common.StoredNotes;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseEncryptionKey;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.qr.QrPageWaiters;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.DapMessages;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pending state of DÁP logins, all in Keycloak's cluster-aware stores so that any node can serve the browser,
 * the wallet's request_uri POST and its response POST:
 * <ul>
 * <li>the browser's authentication session notes name its current transaction and request id;</li>
 * <li>{@code SingleUseObjectProvider} holds the request (taken once by the wallet), the transaction with its nonce,
 * response mode and (for {@code direct_post.jwt}) its response encryption key pair (taken once by the wallet's
 * answer, found by {@code state} or by the encryption key's {@code kid}), and the verified result (taken once by the
 * browser that owns the transaction).</li>
 * </ul>
 * An answer can therefore only complete the one browser session that showed the QR, and only once.
 */
public final class DapTransactions {

    public static final String NOTE_TRANSACTION = "dap.transaction";
    public static final String NOTE_REQUEST = "dap.request";
    public static final String NOTE_EXPIRES = "dap.expires";

    private static final String REQUEST_KEY = "dap.request.";
    private static final String TRANSACTION_KEY = "dap.transaction.";
    private static final String RESULT_KEY = "dap.result.";
    private static final String KEY_ID_KEY = "dap.kid.";
    private static final String NONCE = "nonce";
    private static final String TRANSACTION = "transaction";
    private static final String EXPIRES = "expires";
    private static final String FETCHED = "fetched";
    private static final String MODE = "mode";
    private static final String KEY_ID = "kid";
    private static final String PUBLIC_KEY = "publicKey";
    private static final String PRIVATE_KEY = "privateKey";
    private static final String CONTENT_ENCRYPTIONS = "enc";
    private static final int TOKEN_BYTES = 32;

    /** What the wallet's answer came to, with the message the QR page then shows; kept until the browser collects it. */
    public enum Outcome {
        APPROVED(null),
        DECLINED(DapMessages.DECLINED),
        REJECTED(DapMessages.REJECTED),
        PID_REVOKED(DapMessages.PID_REVOKED),
        PID_SUSPENDED(DapMessages.PID_SUSPENDED),
        PID_STATUS_UNAVAILABLE(DapMessages.PID_STATUS_UNAVAILABLE);

        private final String messageKey;

        Outcome(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }

        /** The refusal's outcome: the PID's status has its own messages, every other refusal the one. */
        public static Outcome refusing(PresentationRejectedException refusal) {
            if (!(refusal instanceof PidStatusException status)) {
                return REJECTED;
            }
            return switch (status.problem()) {
                case REVOKED -> PID_REVOKED;
                case SUSPENDED -> PID_SUSPENDED;
                case LIST_UNAVAILABLE -> PID_STATUS_UNAVAILABLE;
                case LIST_INVALID -> REJECTED;
            };
        }
    }

    /**
     * @param responseMode  how the wallet was asked to answer; null until the request is fetched
     * @param encryptionKey the key its answer is encrypted to; null unless the mode is encrypted
     */
    public record Pending(String transaction, String nonce, Instant expiresAt, ResponseMode responseMode,
                   ResponseEncryptionKey encryptionKey) {
    }

    public record Result(Outcome outcome, String subject, String claimsJson) {
    }

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;
    private final DapConfig config;
    private final QrPageWaiters waitingPages;

    /** @param waitingPages this node's waiting QR pages, woken when an answer is saved here */
    public DapTransactions(KeycloakSession session, DapConfig config, QrPageWaiters waitingPages) {
        this.session = session;
        this.store = session.singleUseObjects();
        this.config = config;
        this.waitingPages = waitingPages;
    }

    /** A new QR for this browser session; the previous one (if any) is voided and can no longer complete anything. */
    public void start(AuthenticationSessionModel authSession) {
        discard(session, authSession);
        String transaction = randomToken();
        String requestId = randomToken();
        Instant expiresAt = DapClock.now().plusSeconds(config.requestLifetimeSeconds());
        store.put(REQUEST_KEY + requestId, config.requestLifetimeSeconds(), Map.of(TRANSACTION, transaction));
        store.put(TRANSACTION_KEY + transaction, transactionLifetime(), Map.of(NONCE, randomToken(),
                EXPIRES, String.valueOf(expiresAt.getEpochSecond())));
        authSession.setAuthNote(NOTE_TRANSACTION, transaction);
        authSession.setAuthNote(NOTE_REQUEST, requestId);
        authSession.setAuthNote(NOTE_EXPIRES, String.valueOf(expiresAt.getEpochSecond()));
    }

    /**
     * Voids this browser session's transaction ("Mégse", or a new QR): its request, transaction, key index and any
     * result are removed from the stores and its notes from the session, so a wallet that approves the old QR gets an
     * error and nothing is left for the QR page to complete. Needs none of the settings, so it works while they are wrong.
     */
    public static void discard(KeycloakSession session, AuthenticationSessionModel authSession) {
        SingleUseObjectProvider store = session.singleUseObjects();
        String transaction = authSession.getAuthNote(NOTE_TRANSACTION);
        String requestId = authSession.getAuthNote(NOTE_REQUEST);
        if (requestId != null) {
            store.remove(REQUEST_KEY + requestId);
        }
        if (transaction != null) {
            Map<String, String> pending = store.remove(TRANSACTION_KEY + transaction);
            if (pending != null && pending.containsKey(KEY_ID)) {
                store.remove(KEY_ID_KEY + pending.get(KEY_ID));
            }
            store.remove(RESULT_KEY + transaction);
        }
        authSession.removeAuthNote(NOTE_TRANSACTION);
        authSession.removeAuthNote(NOTE_REQUEST);
        authSession.removeAuthNote(NOTE_EXPIRES);
    }

    /**
     * The wallet's request_uri GET or POST: works once, by either method, within the QR's lifetime. Fixes the response
     * mode of the transaction, and for an encrypted one makes its key pair, offered with these {@code enc} values.
     */
    public Optional<Pending> fetchRequest(String requestId, ResponseMode mode, List<String> contentEncryptions) {
        Map<String, String> request = store.remove(REQUEST_KEY + requestId);
        if (request == null) {
            return Optional.empty();
        }
        String transaction = request.get(TRANSACTION);
        Map<String, String> pending = store.get(TRANSACTION_KEY + transaction);
        Optional<Long> secondsLeft = pending == null ? Optional.empty() : secondsLeft(pending);
        if (secondsLeft.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fetched = new HashMap<>(pending);
        fetched.put(FETCHED, "true");
        fetched.put(MODE, mode.parameter());
        if (mode.encrypted()) {
            ResponseEncryptionKey key = ResponseEncryptionKey.generate(randomToken(), contentEncryptions);
            fetched.put(KEY_ID, key.keyId());
            fetched.put(CONTENT_ENCRYPTIONS, String.join(",", key.contentEncryptions()));
            fetched.put(PUBLIC_KEY, key.publicKeyBase64());
            fetched.put(PRIVATE_KEY, key.privateKeyBase64());
            store.put(KEY_ID_KEY + key.keyId(), secondsLeft.get(), Map.of(TRANSACTION, transaction));
        }
        // Never replace(key, value): in Keycloak 26.7.3 InfinispanSingleUseObjectProvider.replace calls Infinispan's
        // BasicCache.replace(key, value) at once, without a lifespan, so the entry (private key included) would take
        // the cache's default, no expiry; put(key, seconds, value) writes with the lifespan at commit.
        store.put(TRANSACTION_KEY + transaction, secondsLeft.get(), fetched);
        return pending(transaction, fetched);
    }

    /**
     * A request_uri call we refuse (the wallet's metadata is unreadable or has nothing in common with ours): the request
     * is used up and the QR page shows the refusal, as after a refused answer. False when the request is unknown.
     */
    public boolean refuseRequest(String requestId) {
        Map<String, String> request = store.remove(REQUEST_KEY + requestId);
        if (request == null) {
            return false;
        }
        saveResult(request.get(TRANSACTION), new Result(Outcome.REJECTED, null, null));
        return true;
    }

    /** The wallet's answer: the transaction (and its nonce) can be answered once. */
    public Optional<Pending> takeTransaction(String transaction) {
        if (transaction == null || transaction.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> pending = store.remove(TRANSACTION_KEY + transaction);
        if (pending == null || !pending.containsKey(FETCHED)) {
            return Optional.empty();
        }
        return pending(transaction, pending);
    }

    /** The wallet's encrypted answer, found by the {@code kid} of the key made for its transaction; once. */
    public Optional<Pending> takeTransactionByKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> index = store.remove(KEY_ID_KEY + keyId);
        return index == null ? Optional.empty() : takeTransaction(index.get(TRANSACTION));
    }

    /**
     * What a stored transaction has left of its lifetime ({@link #transactionLifetime} from its start: the QR's expiry
     * plus the key-binding age), by Keycloak's clock; empty when it is up or its expiry cannot be read.
     */
    private Optional<Long> secondsLeft(Map<String, String> pending) {
        return StoredNotes.number(pending.get(EXPIRES))
                .map(qrExpires -> qrExpires + config.keyBindingMaxAgeSeconds() - DapClock.now().getEpochSecond())
                .filter(left -> left > 0);
    }

    /** Empty for notes this version cannot read (left by an older one): as if the transaction had expired. */
    private static Optional<Pending> pending(String transaction, Map<String, String> notes) {
        Optional<Long> expires = StoredNotes.number(notes.get(EXPIRES));
        Optional<ResponseMode> mode = notes.containsKey(MODE)
                ? ConfigReader.parse(notes.get(MODE), ResponseMode.class, ResponseMode::parameter) : Optional.empty();
        if (expires.isEmpty() || notes.containsKey(MODE) && mode.isEmpty()) {
            return Optional.empty();
        }
        ResponseEncryptionKey key = notes.containsKey(KEY_ID)
                ? ResponseEncryptionKey.restore(notes.get(KEY_ID), notes.get(PUBLIC_KEY), notes.get(PRIVATE_KEY),
                List.of(notes.get(CONTENT_ENCRYPTIONS).split(","))) : null;
        return Optional.of(new Pending(transaction, notes.get(NONCE), Instant.ofEpochSecond(expires.get()),
                mode.orElse(null), key));
    }

    public void saveResult(String transaction, Result result) {
        Map<String, String> notes = new HashMap<>();
        notes.put("outcome", result.outcome().name());
        if (result.subject() != null) {
            notes.put("subject", result.subject());
            notes.put("claims", result.claimsJson());
        }
        store.put(RESULT_KEY + transaction, config.requestLifetimeSeconds(), notes);
        wakeWaitingPageAfterCommit(transaction);
    }

    /** Once this session's changes (the saved answer) are committed, this node's page for it is checked. */
    private void wakeWaitingPageAfterCommit(String transaction) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                waitingPages.wake(transaction);
            }

            @Override
            protected void rollbackImpl() {
                // Nothing was saved: the page keeps waiting.
            }
        });
    }

    /**
     * The result for this browser session's own transaction, removed so that it completes one login only. A result
     * this version cannot read (left by an older one) is as good as none: the page shows a new QR.
     */
    public Optional<Result> takeResult(AuthenticationSessionModel authSession) {
        String transaction = authSession.getAuthNote(NOTE_TRANSACTION);
        if (transaction == null) {
            return Optional.empty();
        }
        Map<String, String> notes = store.remove(RESULT_KEY + transaction);
        if (notes == null) {
            return Optional.empty();
        }
        return ConfigReader.parse(notes.get("outcome"), Outcome.class, Outcome::name)
                .map(outcome -> new Result(outcome, notes.get("subject"), notes.get("claims")));
    }

    /**
     * The QR is stale when its time is up, unless the phone already fetched the request: then the customer may be
     * approving right now, and the page waits until the transaction itself runs out.
     */
    public boolean isExpired(AuthenticationSessionModel authSession) {
        String transaction = authSession.getAuthNote(NOTE_TRANSACTION);
        Optional<Long> expires = StoredNotes.number(authSession.getAuthNote(NOTE_EXPIRES));
        if (transaction == null || expires.isEmpty()) {
            return true;
        }
        Map<String, String> pending = store.get(TRANSACTION_KEY + transaction);
        if (pending == null) {
            return true;
        }
        return !pending.containsKey(FETCHED) && DapClock.now().getEpochSecond() > expires.get();
    }

    /** What this browser's QR page waits for, as {@link QrPageWaiters} keeps it; empty when there is nothing to wait for. */
    public static Optional<QrPageWaiters.Watch> watch(AuthenticationSessionModel authSession) {
        String transaction = authSession.getAuthNote(NOTE_TRANSACTION);
        Optional<Long> expires = StoredNotes.number(authSession.getAuthNote(NOTE_EXPIRES));
        if (transaction == null || expires.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QrPageWaiters.Watch(transaction, expires.get()));
    }

    /** What this page should be told now, if anything (see {@link #verdict(SingleUseObjectProvider, QrPageWaiters.Watch, Instant)}). */
    public Optional<QrPageWaiters.Verdict> verdict(QrPageWaiters.Watch watch) {
        return Optional.ofNullable(verdict(store, watch, DapClock.now()));
    }

    /** How a node's waiting pages read the stores: in a session and transaction of their own, on their thread. */
    public static QrPageWaiters.Store storesOf(KeycloakSessionFactory factory) {
        return (watches, now) -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> verdicts(session.singleUseObjects(), watches, now));
    }

    /** What these transactions' pages should be told now; read with any session, without the browser's. */
    static Map<String, QrPageWaiters.Verdict> verdicts(SingleUseObjectProvider store,
                                                        Collection<QrPageWaiters.Watch> watches, Instant now) {
        Map<String, QrPageWaiters.Verdict> verdicts = new HashMap<>();
        for (QrPageWaiters.Watch watch : watches) {
            QrPageWaiters.Verdict verdict = verdict(store, watch, now);
            if (verdict != null) {
                verdicts.put(watch.transaction(), verdict);
            }
        }
        return verdicts;
    }

    /**
     * A waiting page reloads once the answer is there, and gets a new QR when its QR ran out unanswered (see
     * {@link #isExpired}); null while it should go on waiting. A transaction the wallet has already taken but not
     * yet answered (its presentation is being verified; the result is stored when that request commits) keeps the
     * page waiting until the QR's time is up: a new QR in that moment would void the answer the phone reports.
     */
    private static QrPageWaiters.Verdict verdict(SingleUseObjectProvider store, QrPageWaiters.Watch watch, Instant now) {
        if (store.contains(RESULT_KEY + watch.transaction())) {
            return QrPageWaiters.Verdict.RELOAD;
        }
        if (now.getEpochSecond() <= watch.qrExpiresEpochSecond()) {
            return null;
        }
        Map<String, String> pending = store.get(TRANSACTION_KEY + watch.transaction());
        return pending == null || !pending.containsKey(FETCHED) ? QrPageWaiters.Verdict.RENEW : null;
    }

    /** The wallet gets the request within the QR's lifetime and then has the key-binding age to answer. */
    private int transactionLifetime() {
        return config.requestLifetimeSeconds() + config.keyBindingMaxAgeSeconds();
    }

    private static String randomToken() {
        return SecretGenerator.getInstance().randomString(TOKEN_BYTES);
    }
}
