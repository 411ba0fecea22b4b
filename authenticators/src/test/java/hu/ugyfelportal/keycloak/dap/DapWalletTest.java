package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.dapsimulator.Holder;
import hu.ugyfelportal.dapsimulator.PidIssuer;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.MapStore;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import hu.ugyfelportal.keycloak.dap.transaction.Outcome;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.events.EventBuilder;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure of ours after the wallet's answer used its transaction up (here: Keycloak's HTTP client for the status
 * list check is unavailable) ends in an OAuth error for the wallet, an event naming it, and a result for the page;
 * never in a bare 500 that leaves the page waiting until its QR runs out.
 */
class DapWalletTest {

    private static PidIssuer issuer;
    private static DapConfig config;

    private final Map<String, String> notes = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    /** The request's session: one store, a transaction manager that commits nothing, and no HTTP client. */
    private final KeycloakSession session = proxy(KeycloakSession.class, new Function<>() {
        private final MapStore store = new MapStore(new HashMap<>());

        @Override
        public Object apply(String method) {
            return switch (method) {
                case "singleUseObjects" -> store;
                case "getTransactionManager" -> proxy(KeycloakTransactionManager.class, ignored -> null);
                case "getKeycloakSessionFactory" -> proxy(KeycloakSessionFactory.class, ignored -> Stream.empty());
                case "getProvider" -> throw new IllegalStateException("the HTTP client pool is closed");
                default -> throw new UnsupportedOperationException(method);
            };
        }
    });

    @BeforeAll
    static void settings() {
        CryptoIntegration.init(DapWalletTest.class.getClassLoader());
        issuer = new PidIssuer("https://pid.example.hu");
        DevCertificates.KeyAndCertificate verifier = DevCertificates.selfSigned("verifier", "portal.example.hu");
        config = DapConfig.from(Map.of(DapConfig.TRUSTED_ISSUERS, issuer.certificatePem(),
                DapConfig.SIGNING_KEY, verifier.privateKeyPem(), DapConfig.SIGNING_CERTIFICATES, verifier.certificatePem(),
                DapConfig.RESPONSE_MODE, "direct_post"));
    }

    @Test
    void aFailureAfterTheTransactionWasTakenIsAnOAuthErrorAnEventAndAResultForThePage() throws Exception {
        DapTransactions transactions = new DapTransactions(session, config, null);
        AuthenticationSessionModel authSession = authSession();
        transactions.start(authSession);
        DapWallet wallet = new DapWallet(session, config, transactions, recording(), "dap", "https://kc/response");
        Response request = wallet.requestObject(notes.get(DapTransactions.NOTE_REQUEST));
        assertThat(request.getStatus()).isEqualTo(200);
        Map<String, Object> asked = new JWSInput((String) request.getEntity()).readJsonContent(Map.class);
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(TestIdentity.byId("kovacs-janos"),
                holder.keys().getPublic()), config.requestedClaims()), config.verifierIdentity().clientId(),
                (String) asked.get("nonce"), Instant.now());

        Response answer = wallet.response((String) asked.get("state"),
                JsonSerialization.writeValueAsString(Map.of("pid", List.of(presentation))), null, null);

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getEntity()).asString().contains("error=server_error");
        assertThat(events).containsExactly("dap_wallet_request_failed");
        assertThat(transactions.takeResult(authSession)).as("the page shows a refusal and a new QR")
                .hasValueSatisfying(result -> assertThat(result.outcome()).isEqualTo(Outcome.REJECTED));
    }

    /** The request's event builder, recording the errors it is given instead of storing them. */
    private EventBuilder recording() {
        RealmModel realm = proxy(RealmModel.class, method -> switch (method) {
            case "isEventsEnabled" -> false;
            case "getEventsListenersStream" -> Stream.empty();
            default -> null;
        });
        return new EventBuilder(realm, session) {
            @Override
            public void error(String error) {
                events.add(error);
            }
        };
    }

    private AuthenticationSessionModel authSession() {
        return proxy(AuthenticationSessionModel.class, method -> {
            throw new UnsupportedOperationException(method);
        }, notes);
    }

    private static <T> T proxy(Class<T> type, Function<String, Object> answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> answer.apply(method.getName())));
    }

    /** An authentication session as far as its notes go. */
    private static <T> T proxy(Class<T> type, Function<String, Object> otherwise, Map<String, String> notes) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> switch (method.getName()) {
                    case "getAuthNote" -> notes.get((String) args[0]);
                    case "setAuthNote" -> notes.put((String) args[0], (String) args[1]);
                    case "removeAuthNote" -> notes.remove((String) args[0]);
                    default -> otherwise.apply(method.getName());
                }));
    }
}
