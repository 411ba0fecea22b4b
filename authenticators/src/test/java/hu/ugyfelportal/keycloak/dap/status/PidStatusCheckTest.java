package hu.ugyfelportal.keycloak.dap.status;

import com.sun.net.httpserver.HttpServer;
import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.MapStore;
import hu.ugyfelportal.keycloak.dap.service.StatusListSettings;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the stored copy of a status list is used and when it is fetched again, against a local HTTP server that
 * counts the fetches; the store is a map standing in for Keycloak's {@code SingleUseObjectProvider}.
 */
class PidStatusCheckTest {

    private static final String ISSUER = "https://pid.example.hu";
    /** The draft's 1-bit example: 16 entries, index 0 INVALID, index 1 VALID. */
    private static final String SIXTEEN = "eNrbuRgAAhcBXQ";
    /** 64 entries, all VALID. */
    private static final String SIXTY_FOUR = "eNpjYIAAAAAIAAE";

    private static DevCertificates.KeyAndCertificate root;
    private static DevCertificates.KeyAndCertificate leaf;

    private final CloseableHttpClient http = HttpClients.createDefault();
    private final Map<String, Map<String, String>> stored = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> served = new AtomicReference<>();
    private HttpServer server;
    private String uri;

    @BeforeAll
    static void pki() {
        CryptoIntegration.init(PidStatusCheckTest.class.getClassLoader());
        root = DevCertificates.certificateAuthority("PID root", null);
        leaf = DevCertificates.issuedBy(root, "PID issuer", ISSUER, Instant.now().plus(Duration.ofDays(1)));
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/list", exchange -> {
            fetches.incrementAndGet();
            String token = served.get();
            byte[] body = token == null ? new byte[0] : token.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(token == null ? 503 : 200, token == null ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/list";
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        http.close();
    }

    @Test
    void aPidWithoutStatusPassesWithoutAFetch() throws Exception {
        check(Map.of(), Map.of("iss", ISSUER), Instant.now());

        assertThat(fetches).hasValue(0);
    }

    @Test
    void aCopyIsReusedForItsTtlThenFetchedAgain() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 60, SIXTEEN));

        check(Map.of(), pid(1), now);
        check(Map.of(), pid(1), now.plusSeconds(59));
        assertThat(fetches).as("within the ttl").hasValue(1);

        check(Map.of(), pid(1), now.plusSeconds(61));
        assertThat(fetches).as("after the ttl").hasValue(2);
    }

    @Test
    void aStoredCopyWhoseFetchTimeCannotBeReadIsAsGoodAsNone() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 60, SIXTEEN));
        check(Map.of(), pid(1), now);
        // As a version that wrote the time another way would have left it.
        stored.replaceAll((key, entry) -> {
            Map<String, String> older = new HashMap<>(entry);
            older.put("fetchedAt", now.toString());
            return older;
        });

        check(Map.of(), pid(1), now.plusSeconds(1));

        assertThat(fetches).as("fetched again, not a server error").hasValue(2);
    }

    @Test
    void theMaximumCacheTimeShortensALongerTtl() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 3600, SIXTEEN));
        Map<String, String> settings = Map.of(StatusListSettings.MAX_CACHE, "30");

        check(settings, pid(1), now);
        check(settings, pid(1), now.plusSeconds(31));

        assertThat(fetches).hasValue(2);
    }

    @Test
    void aCachedRevocationIsStillARevocation() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 300, SIXTEEN));

        assertProblem(() -> check(Map.of(), pid(0), now), Problem.REVOKED);
        assertProblem(() -> check(Map.of(), pid(0), now.plusSeconds(10)), Problem.REVOKED);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aCopyTooShortForTheIndexIsFetchedAgain() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 300, SIXTEEN));
        check(Map.of(), pid(1), now);
        served.set(token(now, 300, SIXTY_FOUR));

        check(Map.of(), pid(40), now.plusSeconds(5));

        assertThat(fetches).as("the list grew since the copy").hasValue(2);
    }

    @Test
    void aCopyPastItsExpIsNotUsedButFetchedAgain() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, now.plusSeconds(10), 3600, SIXTEEN));
        check(Map.of(), pid(1), now);
        served.set(token(now, now.plus(Duration.ofDays(1)), 3600, SIXTEEN));

        check(Map.of(), pid(1), now.plusSeconds(30));

        assertThat(fetches).as("fresh by its ttl, but expired").hasValue(2);
    }

    @Test
    void anUnreachableListIsRefusedByDefaultEvenWithACopy() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 60, SIXTEEN));
        check(Map.of(), pid(1), now);
        served.set(null);

        assertProblem(() -> check(Map.of(), pid(1), now.plusSeconds(61)), Problem.LIST_UNAVAILABLE);
    }

    @Test
    void withLastGoodCopyTheCopyDecidesWithinTheGracePeriodOnly() throws Exception {
        Instant now = Instant.now();
        Map<String, String> settings = Map.of(StatusListSettings.FAILURE_POLICY, "last-good-copy",
                StatusListSettings.GRACE, "600");
        served.set(token(now, 60, SIXTEEN));
        check(settings, pid(1), now);
        served.set(null);

        check(settings, pid(1), now.plusSeconds(300));
        assertProblem(() -> check(settings, pid(0), now.plusSeconds(300)), Problem.REVOKED);
        assertProblem(() -> check(settings, pid(1), now.plusSeconds(601)), Problem.LIST_UNAVAILABLE);
        assertThat(stored.values()).as("the copy is kept for the grace period").hasSize(1);
    }

    @Test
    void aWrongAnswerIsRefusedEvenWithLastGoodCopy() throws Exception {
        Instant now = Instant.now();
        Map<String, String> settings = Map.of(StatusListSettings.FAILURE_POLICY, "last-good-copy",
                StatusListSettings.GRACE, "600");
        served.set(token(now, 60, SIXTEEN));
        check(settings, pid(1), now);
        served.set("not-a-token");

        assertProblem(() -> check(settings, pid(1), now.plusSeconds(61)), Problem.LIST_INVALID);
    }

    @Test
    void nothingIsStoredWhenNeitherCachingNorAGracePeriodAsksForIt() throws Exception {
        Instant now = Instant.now();
        served.set(token(now, 60, SIXTEEN));

        check(Map.of(StatusListSettings.MAX_CACHE, "0"), pid(1), now);
        check(Map.of(StatusListSettings.MAX_CACHE, "0"), pid(1), now);

        assertThat(stored).isEmpty();
        assertThat(fetches).hasValue(2);
    }

    private void check(Map<String, String> settings, Map<String, Object> pid, Instant now) throws Exception {
        Map<String, String> config = new HashMap<>(settings);
        config.put(DapConfig.TRUSTED_ISSUER_CAS, root.certificatePem());
        config.put(StatusListSettings.LOOPBACK_HTTP, "true");
        DapConfig dap = DapConfig.from(config);
        new PidStatusCheck(new MapStore(stored), new StatusListFetcher(http, dap.statusList()), dap).check(pid, now);
    }

    private Map<String, Object> pid(int index) {
        return Map.of("iss", ISSUER, "status", Map.of("status_list", Map.of("idx", index, "uri", uri)));
    }

    private String token(Instant issuedAt, long ttl, String lst) {
        return token(issuedAt, issuedAt.plus(Duration.ofDays(1)), ttl, lst);
    }

    private String token(Instant issuedAt, Instant expiresAt, long ttl, String lst) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", uri);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("ttl", ttl);
        claims.put("status_list", Map.of("bits", 1, "lst", lst));
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES256);
        key.setType(KeyType.EC);
        key.setPublicKey(leaf.keys().getPublic());
        key.setPrivateKey(leaf.keys().getPrivate());
        return new JWSBuilder().type("statuslist+jwt").x5c(List.of(leaf.certificate())).jsonContent(claims)
                .sign(new ECDSASignatureSignerContext(key));
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void assertProblem(Check check, Problem problem) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(PidStatusException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
