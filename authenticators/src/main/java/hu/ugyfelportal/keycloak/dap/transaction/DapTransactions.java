package hu.ugyfelportal.keycloak.dap.transaction;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import hu.ugyfelportal.keycloak.common.StoredNotes;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseEncryptionKey;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    private static final int TOKEN_BYTES = 32;

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
    private final Consumer<String> answerSaved;

    /** @param answerSaved told each transaction whose answer this session saved, once it is committed (this node's waiting page) */
    public DapTransactions(KeycloakSession session, DapConfig config, Consumer<String> answerSaved) {
        this.session = session;
        this.store = session.singleUseObjects();
        this.config = config;
        this.answerSaved = answerSaved;
    }

    /** A new QR for this browser session; the previous one (if any) is voided and can no longer complete anything. */
    public void start(AuthenticationSessionModel authSession) {
        discard(session, authSession);
        String transaction = randomToken();
        String requestId = randomToken();
        Instant expiresAt = DapClock.now().plusSeconds(config.requestLifetimeSeconds());
        store.put(StoreKeys.REQUEST + requestId, config.requestLifetimeSeconds(), Map.of(StoreKeys.OF_TRANSACTION, transaction));
        store.put(StoreKeys.TRANSACTION + transaction, transactionLifetime(), Map.of(StoreKeys.NONCE, randomToken(),
                StoreKeys.EXPIRES, String.valueOf(expiresAt.getEpochSecond())));
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
            store.remove(StoreKeys.REQUEST + requestId);
        }
        if (transaction != null) {
            Map<String, String> pending = store.remove(StoreKeys.TRANSACTION + transaction);
            if (pending != null && pending.containsKey(StoreKeys.KEY_ID)) {
                store.remove(StoreKeys.KEY_ID_INDEX + pending.get(StoreKeys.KEY_ID));
            }
            store.remove(StoreKeys.RESULT + transaction);
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
        Map<String, String> request = store.remove(StoreKeys.REQUEST + requestId);
        if (request == null) {
            return Optional.empty();
        }
        String transaction = request.get(StoreKeys.OF_TRANSACTION);
        Map<String, String> pending = store.get(StoreKeys.TRANSACTION + transaction);
        Optional<Long> secondsLeft = pending == null ? Optional.empty() : secondsLeft(pending);
        if (secondsLeft.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fetched = new HashMap<>(pending);
        fetched.put(StoreKeys.FETCHED, "true");
        fetched.put(StoreKeys.MODE, mode.parameter());
        if (mode.encrypted()) {
            ResponseEncryptionKey key = ResponseEncryptionKey.generate(randomToken(), contentEncryptions);
            fetched.put(StoreKeys.KEY_ID, key.keyId());
            fetched.put(StoreKeys.CONTENT_ENCRYPTIONS, String.join(",", key.contentEncryptions()));
            fetched.put(StoreKeys.PUBLIC_KEY, key.publicKeyBase64());
            fetched.put(StoreKeys.PRIVATE_KEY, key.privateKeyBase64());
            store.put(StoreKeys.KEY_ID_INDEX + key.keyId(), secondsLeft.get(), Map.of(StoreKeys.OF_TRANSACTION, transaction));
        }
        // Never replace(key, value): in Keycloak 26.7.3 InfinispanSingleUseObjectProvider.replace calls Infinispan's
        // BasicCache.replace(key, value) at once, without a lifespan, so the entry (private key included) would take
        // the cache's default, no expiry; put(key, seconds, value) writes with the lifespan at commit.
        store.put(StoreKeys.TRANSACTION + transaction, secondsLeft.get(), fetched);
        return pending(transaction, fetched);
    }

    /**
     * A request_uri call we refuse (the wallet's metadata is unreadable or has nothing in common with ours): the request
     * is used up and the QR page shows the refusal, as after a refused answer. False when the request is unknown.
     */
    public boolean refuseRequest(String requestId) {
        Map<String, String> request = store.remove(StoreKeys.REQUEST + requestId);
        if (request == null) {
            return false;
        }
        saveResult(request.get(StoreKeys.OF_TRANSACTION), new Result(Outcome.REJECTED, null, null));
        return true;
    }

    /** The wallet's answer: the transaction (and its nonce) can be answered once. */
    public Optional<Pending> takeTransaction(String transaction) {
        if (transaction == null || transaction.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> pending = store.remove(StoreKeys.TRANSACTION + transaction);
        if (pending == null || !pending.containsKey(StoreKeys.FETCHED)) {
            return Optional.empty();
        }
        return pending(transaction, pending);
    }

    /** The wallet's encrypted answer, found by the {@code kid} of the key made for its transaction; once. */
    public Optional<Pending> takeTransactionByKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> index = store.remove(StoreKeys.KEY_ID_INDEX + keyId);
        return index == null ? Optional.empty() : takeTransaction(index.get(StoreKeys.OF_TRANSACTION));
    }

    /**
     * What a stored transaction has left of its lifetime ({@link #transactionLifetime} from its start: the QR's expiry
     * plus the key-binding age), by Keycloak's clock; empty when it is up or its expiry cannot be read.
     */
    private Optional<Long> secondsLeft(Map<String, String> pending) {
        return StoredNotes.number(pending.get(StoreKeys.EXPIRES))
                .map(qrExpires -> qrExpires + config.keyBindingMaxAgeSeconds() - DapClock.now().getEpochSecond())
                .filter(left -> left > 0);
    }

    /** Empty for notes this version cannot read (left by an older one): as if the transaction had expired. */
    private static Optional<Pending> pending(String transaction, Map<String, String> notes) {
        Optional<Long> expires = StoredNotes.number(notes.get(StoreKeys.EXPIRES));
        Optional<ResponseMode> mode = notes.containsKey(StoreKeys.MODE)
                ? ConfigReader.parse(notes.get(StoreKeys.MODE), ResponseMode.class, ResponseMode::parameter) : Optional.empty();
        if (expires.isEmpty() || notes.containsKey(StoreKeys.MODE) && mode.isEmpty()) {
            return Optional.empty();
        }
        ResponseEncryptionKey key = notes.containsKey(StoreKeys.KEY_ID)
                ? ResponseEncryptionKey.restore(notes.get(StoreKeys.KEY_ID), notes.get(StoreKeys.PUBLIC_KEY), notes.get(StoreKeys.PRIVATE_KEY),
                List.of(notes.get(StoreKeys.CONTENT_ENCRYPTIONS).split(","))) : null;
        return Optional.of(new Pending(transaction, notes.get(StoreKeys.NONCE), Instant.ofEpochSecond(expires.get()),
                mode.orElse(null), key));
    }

    public void saveResult(String transaction, Result result) {
        Map<String, String> notes = new HashMap<>();
        notes.put(StoreKeys.OUTCOME, result.outcome().name());
        if (result.subject() != null) {
            notes.put(StoreKeys.SUBJECT, result.subject());
            notes.put(StoreKeys.CLAIMS, result.claimsJson());
        }
        store.put(StoreKeys.RESULT + transaction, config.requestLifetimeSeconds(), notes);
        AfterCommit.run(session, () -> answerSaved.accept(transaction));
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
        Map<String, String> notes = store.remove(StoreKeys.RESULT + transaction);
        if (notes == null) {
            return Optional.empty();
        }
        return ConfigReader.parse(notes.get(StoreKeys.OUTCOME), Outcome.class, Outcome::name)
                .map(outcome -> new Result(outcome, notes.get(StoreKeys.SUBJECT), notes.get(StoreKeys.CLAIMS)));
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
        Progress progress = progress(store, transaction);
        return progress == Progress.GONE
                || progress == Progress.WAITING && DapClock.now().getEpochSecond() > expires.get();
    }

    /** How far a transaction has come, as any node reads it from the stores. */
    public enum Progress {
        /** The wallet's answer is saved: the page reloads. */
        ANSWERED,
        /** The wallet fetched the request: it may be answering now. */
        FETCHED,
        /** Nobody fetched the request yet. */
        WAITING,
        /** Voided or run out. */
        GONE
    }

    /** Read with any session, without the browser's. */
    public static Progress progress(SingleUseObjectProvider store, String transaction) {
        if (store.contains(StoreKeys.RESULT + transaction)) {
            return Progress.ANSWERED;
        }
        Map<String, String> pending = store.get(StoreKeys.TRANSACTION + transaction);
        if (pending == null) {
            return Progress.GONE;
        }
        return pending.containsKey(StoreKeys.FETCHED) ? Progress.FETCHED : Progress.WAITING;
    }

    /** The wallet gets the request within the QR's lifetime and then has the key-binding age to answer. */
    private int transactionLifetime() {
        return config.requestLifetimeSeconds() + config.keyBindingMaxAgeSeconds();
    }

    private static String randomToken() {
        return SecretGenerator.getInstance().randomString(TOKEN_BYTES);
    }
}
