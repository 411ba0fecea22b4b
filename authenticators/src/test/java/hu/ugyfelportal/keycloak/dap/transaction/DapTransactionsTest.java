package hu.ugyfelportal.keycloak.dap.transaction;

import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.qr.PageVerdicts;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.MapStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link DapTransactions} keeps in Keycloak's stores and for how long, on Keycloak's clock moved by the test; and
 * what it reads back when an older version wrote it in another form (an upgrade with logins under way): as good as
 * missing, never a server error.
 */
class DapTransactionsTest {

    private final Map<String, Map<String, String>> stored = new HashMap<>();
    private final Map<String, String> notes = new HashMap<>();
    private final AuthenticationSessionModel authSession = authSession(notes);
    private final DapTransactions transactions = new DapTransactions(session(new MapStore(stored)),
            DapConfig.from(Map.of()), null);

    @AfterEach
    void resetTheClock() {
        Time.setOffset(0);
    }

    @Test
    void aFetchedButUnansweredTransactionRunsOutWithTheQrLifetimePlusTheKeyBindingAge() {
        DapConfig config = DapConfig.from(Map.of());
        transactions.start(authSession);
        String transaction = notes.get(DapTransactions.NOTE_TRANSACTION);
        String keyId = transactions.fetchRequest(notes.get(DapTransactions.NOTE_REQUEST), ResponseMode.DIRECT_POST_JWT,
                List.of("A128GCM")).orElseThrow().encryptionKey().keyId();

        Time.setOffset(config.requestLifetimeSeconds() + config.keyBindingMaxAgeSeconds() - 1);
        assertThat(transactions.isExpired(authSession)).as("the phone may still be approving").isFalse();

        Time.setOffset(config.requestLifetimeSeconds() + config.keyBindingMaxAgeSeconds());
        assertThat(transactions.isExpired(authSession)).as("the page gets a new QR").isTrue();
        assertThat(transactions.takeTransaction(transaction)).as("gone from the store, private key included").isEmpty();
        assertThat(transactions.takeTransactionByKeyId(keyId)).isEmpty();
    }

    @Test
    void aRequestFetchedAfterItsTransactionRanOutFindsNothing() {
        transactions.start(authSession);
        DapConfig config = DapConfig.from(Map.of());
        Time.setOffset(config.requestLifetimeSeconds() + config.keyBindingMaxAgeSeconds());

        assertThat(transactions.fetchRequest(notes.get(DapTransactions.NOTE_REQUEST), ResponseMode.DIRECT_POST, List.of()))
                .isEmpty();
    }

    @Test
    void aFetchedTransactionIsAnsweredOnceWhileItsNotesCanBeRead() {
        transactions.start(authSession);
        String transaction = notes.get(DapTransactions.NOTE_TRANSACTION);

        assertThat(transactions.fetchRequest(notes.get(DapTransactions.NOTE_REQUEST), ResponseMode.DIRECT_POST, List.of()))
                .isPresent();
        assertThat(transactions.takeTransaction(transaction)).hasValueSatisfying(pending ->
                assertThat(pending.responseMode()).isEqualTo(ResponseMode.DIRECT_POST));
        assertThat(transactions.takeTransaction(transaction)).as("once").isEmpty();
    }

    @Test
    void aTransactionWithAResponseModeThisVersionDoesNotKnowIsAsGoodAsExpired() {
        transactions.start(authSession);
        String transaction = notes.get(DapTransactions.NOTE_TRANSACTION);
        transactions.fetchRequest(notes.get(DapTransactions.NOTE_REQUEST), ResponseMode.DIRECT_POST, List.of());

        rewrite(key -> key.endsWith(transaction), "mode", "fragment");

        assertThat(transactions.takeTransaction(transaction)).isEmpty();
    }

    @Test
    void aResultWithAnOutcomeThisVersionDoesNotKnowIsAsGoodAsNone() {
        transactions.start(authSession);
        transactions.refuseRequest(notes.get(DapTransactions.NOTE_REQUEST));

        rewrite(key -> key.startsWith("dap.result."), "outcome", "WITHDRAWN");

        assertThat(transactions.takeResult(authSession)).isEmpty();
    }

    @Test
    void aQrWhoseExpiryCannotBeReadCountsAsRunOutAndIsWatchedByNoPage() {
        transactions.start(authSession);
        assertThat(transactions.isExpired(authSession)).isFalse();
        assertThat(PageVerdicts.watch(authSession)).isPresent();

        notes.put(DapTransactions.NOTE_EXPIRES, "2026-12-01T14:00:00Z");

        assertThat(transactions.isExpired(authSession)).as("the page then gets a new QR").isTrue();
        assertThat(PageVerdicts.watch(authSession)).isEmpty();
    }

    private void rewrite(Predicate<String> keys, String note, String olderValue) {
        stored.replaceAll((key, entry) -> {
            if (!keys.test(key)) {
                return entry;
            }
            Map<String, String> older = new HashMap<>(entry);
            older.put(note, olderValue);
            return older;
        });
    }

    /** The session as far as the transactions use it: the store, and a transaction manager that commits nothing. */
    private static KeycloakSession session(MapStore store) {
        KeycloakTransactionManager transactionManager = (KeycloakTransactionManager) Proxy.newProxyInstance(
                KeycloakTransactionManager.class.getClassLoader(), new Class<?>[]{KeycloakTransactionManager.class},
                (proxy, method, args) -> null);
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[]{KeycloakSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "singleUseObjects" -> store;
                    case "getTransactionManager" -> transactionManager;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An authentication session as far as its notes go. */
    private static AuthenticationSessionModel authSession(Map<String, String> notes) {
        return (AuthenticationSessionModel) Proxy.newProxyInstance(AuthenticationSessionModel.class.getClassLoader(),
                new Class<?>[]{AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                    case "removeAuthNote" -> notes.remove((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
