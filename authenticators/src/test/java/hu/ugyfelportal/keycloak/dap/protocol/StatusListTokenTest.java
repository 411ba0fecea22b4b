package hu.ugyfelportal.keycloak.dap.protocol;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.dapsimulator.PidIssuer;
import hu.ugyfelportal.dapsimulator.StatusLists;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSBuilder;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifying a status list token with the PID issuer's trust, and reading the PID's status from it. */
class StatusListTokenTest {

    private static final String ISSUER = "https://pid.example.hu";
    private static final String URI = ISSUER + "/status-lists/1";
    private static final StatusReference FIRST = new StatusReference(0, URI);
    private static final int SKEW = 10;
    private static final int MAX_BYTES = 1024 * 1024;
    /** The draft's 2-bit example: statuses 1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3. */
    private static final String LIST = "eNo76fITAAPfAgc";

    private static DevCertificates.KeyAndCertificate root;
    private static DevCertificates.KeyAndCertificate leaf;
    private static IssuerTrust trust;

    @BeforeAll
    static void pki() {
        CryptoIntegration.init(StatusListTokenTest.class.getClassLoader());
        root = DevCertificates.certificateAuthority("PID root", null);
        leaf = DevCertificates.issuedBy(root, "PID issuer", ISSUER, Instant.now().plus(Duration.ofDays(1)));
        trust = new IssuerTrust(List.of(), List.of(root.certificate()));
    }

    @Test
    void aValidEntryPassesAndTheTokensTimesAreRead() throws Exception {
        Instant now = Instant.now();
        StatusListToken token = verify(sign(claims(now)), new StatusReference(2, URI));

        token.requireValid(new StatusReference(2, URI));
        assertThat(token.issuedAt().getEpochSecond()).isEqualTo(now.getEpochSecond());
        assertThat(token.ttl()).contains(300L);
        assertThat(token.expiresAt()).isPresent();
    }

    @Test
    void invalidIsRevokedAndSuspendedIsSuspendedEachWithItsOwnProblem() throws Exception {
        StatusListToken token = verify(sign(claims(Instant.now())), FIRST);

        assertThatThrownBy(() -> token.requireValid(new StatusReference(0, URI)))
                .isInstanceOfSatisfying(PidStatusException.class,
                        e -> assertThat(e.problem()).isEqualTo(PidStatusException.Problem.REVOKED));
        assertThatThrownBy(() -> token.requireValid(new StatusReference(1, URI)))
                .isInstanceOfSatisfying(PidStatusException.class,
                        e -> assertThat(e.eventError()).isEqualTo("dap_pid_suspended"));
        assertThatThrownBy(() -> token.requireValid(new StatusReference(3, URI)))
                .as("0x03 is application specific: not a status we know").isInstanceOfSatisfying(PidStatusException.class,
                        e -> assertThat(e.problem()).isEqualTo(PidStatusException.Problem.LIST_INVALID));
        assertThatThrownBy(() -> token.requireValid(new StatusReference(12, URI))).hasMessageContaining("outside");
    }

    @Test
    void refusesATokenSignedByAKeyNotTrustedForTheIssuer() {
        DevCertificates.KeyAndCertificate stranger = DevCertificates.selfSigned("stranger", null);

        assertInvalid(sign(claims(Instant.now()), stranger, List.of(stranger.certificate())), "not trusted");
        assertInvalid(sign(claims(Instant.now()), stranger, List.of(leaf.certificate())), "signature");
    }

    @Test
    void refusesAChainWhoseLeafDoesNotNameThePidsIssuer() {
        DevCertificates.KeyAndCertificate other = DevCertificates.issuedBy(root, "Another issuer",
                "https://other.example.hu", Instant.now().plus(Duration.ofDays(1)));

        assertInvalid(sign(claims(Instant.now()), other, List.of(other.certificate())), "not named");
    }

    @Test
    void acceptsATokenSignedByAPinnedIssuerCertificate() throws Exception {
        IssuerTrust pinned = new IssuerTrust(List.of(leaf.certificate()), List.of());

        StatusListToken.verify(sign(claims(Instant.now())), FIRST, ISSUER, pinned, Instant.now(), SKEW, MAX_BYTES);
    }

    @Test
    void refusesATokenForAnotherUri() {
        Map<String, Object> claims = claims(Instant.now());
        claims.put("sub", ISSUER + "/status-lists/2");

        assertInvalid(sign(claims), "sub is not");
    }

    @Test
    void refusesAnExpiredTokenAndOneIssuedInTheFuture() {
        Instant now = Instant.now();
        Map<String, Object> expired = claims(now.minus(Duration.ofDays(2)));
        Map<String, Object> future = claims(now.plusSeconds(SKEW + 60));

        assertInvalid(sign(expired), "expired");
        assertInvalid(sign(future), "future");
    }

    @Test
    void refusesMissingOrMalformedClaims() {
        assertInvalid(sign(without(claims(Instant.now()), "iat")), "no iat");
        assertInvalid(sign(with(claims(Instant.now()), "ttl", -5)), "ttl");
        assertInvalid(sign(with(claims(Instant.now()), "iat", "yesterday")), "iat is not a number");
        assertInvalid(sign(without(claims(Instant.now()), "status_list")), "no status_list");
        assertInvalid(sign(with(claims(Instant.now()), "status_list", Map.of("bits", 2))), "no status_list");
        assertInvalid("not.a.jwt", "not a JWT");
    }

    @Test
    void aTokenWithoutExpOrTtlIsAcceptedWithoutThem() throws Exception {
        StatusListToken token = verify(sign(without(without(claims(Instant.now()), "exp"), "ttl")), FIRST);

        assertThat(token.expiresAt()).isEmpty();
        assertThat(token.ttl()).isEmpty();
    }

    @Test
    void refusesAnotherTokenType() {
        String token = new JWSBuilder().type("JWT").x5c(List.of(leaf.certificate())).jsonContent(claims(Instant.now()))
                .sign(signer(leaf));

        assertInvalid(token, "typ");
    }

    @Test
    void theSimulatorsListsReadAsItsApiSetThem() throws Exception {
        PidIssuer simulator = new PidIssuer(ISSUER);
        StatusLists lists = simulator.statusLists();
        TestIdentity revoked = TestIdentity.ALL.get(1);
        TestIdentity suspended = TestIdentity.ALL.get(2);
        lists.set(revoked, StatusLists.Status.REVOKED);
        lists.set(suspended, StatusLists.Status.SUSPENDED);
        IssuerTrust simulatorTrust = new IssuerTrust(List.of(), List.of(simulator.root().certificate()));
        String uri = lists.currentUri();

        StatusListToken token = StatusListToken.verify(lists.get(1).token(), new StatusReference(0, uri), ISSUER,
                simulatorTrust, Instant.now(), SKEW, MAX_BYTES);

        token.requireValid(new StatusReference(0, uri));
        assertThatThrownBy(() -> token.requireValid(new StatusReference(1, uri))).hasMessageContaining("INVALID");
        assertThatThrownBy(() -> token.requireValid(new StatusReference(2, uri))).hasMessageContaining("SUSPENDED");
    }

    private static StatusListToken verify(String token, StatusReference reference) throws PidStatusException {
        return StatusListToken.verify(token, reference, ISSUER, trust, Instant.now(), SKEW, MAX_BYTES);
    }

    private static void assertInvalid(String token, String reason) {
        assertThatThrownBy(() -> verify(token, FIRST)).isInstanceOfSatisfying(PidStatusException.class,
                e -> assertThat(e.problem()).isEqualTo(PidStatusException.Problem.LIST_INVALID)).hasMessageContaining(reason);
    }

    private static Map<String, Object> claims(Instant issuedAt) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", URI);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(Duration.ofDays(1)).getEpochSecond());
        claims.put("ttl", 300);
        claims.put("status_list", Map.of("bits", 2, "lst", LIST));
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

    private static String sign(Map<String, Object> claims) {
        return sign(claims, leaf, List.of(leaf.certificate()));
    }

    private static String sign(Map<String, Object> claims, DevCertificates.KeyAndCertificate key, List<X509Certificate> x5c) {
        return new JWSBuilder().type(StatusListToken.TYPE).x5c(x5c).jsonContent(claims).sign(signer(key));
    }

    private static ECDSASignatureSignerContext signer(DevCertificates.KeyAndCertificate key) {
        KeyWrapper wrapper = new KeyWrapper();
        wrapper.setAlgorithm(Algorithm.ES256);
        wrapper.setType(KeyType.EC);
        wrapper.setPublicKey(key.keys().getPublic());
        wrapper.setPrivateKey(key.keys().getPrivate());
        return new ECDSASignatureSignerContext(wrapper);
    }
}
