package hu.ugyfelportal.keycloak.dap.qr;

import hu.ugyfelportal.keycloak.common.StoredNotes;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What a waiting QR page should be told, read from the transaction's progress in Keycloak's stores. */
public final class PageVerdicts {

    private PageVerdicts() {
    }

    /** What this browser's QR page waits for, as {@link QrPageWaiters} keeps it; empty when there is nothing to wait for. */
    public static Optional<QrPageWaiters.Watch> watch(AuthenticationSessionModel authSession) {
        String transaction = authSession.getAuthNote(DapTransactions.NOTE_TRANSACTION);
        Optional<Long> expires = StoredNotes.number(authSession.getAuthNote(DapTransactions.NOTE_EXPIRES));
        if (transaction == null || expires.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QrPageWaiters.Watch(transaction, expires.get()));
    }

    /** What this page should be told now, if anything. */
    static Optional<QrPageWaiters.Verdict> verdict(SingleUseObjectProvider store, QrPageWaiters.Watch watch) {
        return Optional.ofNullable(verdict(store, watch, DapClock.now()));
    }

    /** How a node's waiting pages read the stores: in a session and transaction of their own, on their thread. */
    public static QrPageWaiters.Store storesOf(KeycloakSessionFactory factory) {
        return (watches, now) -> KeycloakModelUtils.runJobInTransactionWithResult(factory,
                session -> verdicts(session.singleUseObjects(), watches, now));
    }

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
     * {@link DapTransactions#isExpired}); null while it should go on waiting. A transaction the wallet has already
     * fetched (it may be answering; the result is stored when that request commits) keeps the page waiting until
     * the transaction itself runs out: a new QR in that moment would void the answer the phone reports.
     */
    private static QrPageWaiters.Verdict verdict(SingleUseObjectProvider store, QrPageWaiters.Watch watch, Instant now) {
        DapTransactions.Progress progress = DapTransactions.progress(store, watch.transaction());
        if (progress == DapTransactions.Progress.ANSWERED) {
            return QrPageWaiters.Verdict.RELOAD;
        }
        if (now.getEpochSecond() <= watch.qrExpiresEpochSecond() || progress == DapTransactions.Progress.FETCHED) {
            return null;
        }
        return QrPageWaiters.Verdict.RENEW;
    }
}
