package hu.ugyfelportal.keycloak.dap.status;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.keycloak.dap.protocol.IssuerTrust;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.StatusListToken;
import hu.ugyfelportal.keycloak.dap.protocol.StatusReference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stored status list copy is verified and inflated once per node, not at every login that reads it. */
class VerifiedStatusListsTest {

    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    private static final StatusReference REFERENCE = new StatusReference(3, "https://pid.example.hu/status-lists/1");
    private static final IssuerTrust TRUST = new IssuerTrust(
            List.of(DevCertificates.selfSigned("issuer", null).certificate()), List.of());

    private final VerifiedStatusLists copies = new VerifiedStatusLists(4);
    private int verifications;

    @Test
    void aCopyIsVerifiedOnceAndAgainOnlyForAnotherCopyListIssuerOrTrust() throws Exception {
        StatusListToken first = verified("copy-1", REFERENCE, "https://pid.example.hu", TRUST);
        assertThat(verified("copy-1", REFERENCE, "https://pid.example.hu", TRUST)).isSameAs(first);
        assertThat(verifications).isEqualTo(1);

        verified("copy-2", REFERENCE, "https://pid.example.hu", TRUST);
        verified("copy-1", new StatusReference(3, "https://pid.example.hu/status-lists/2"), "https://pid.example.hu", TRUST);
        verified("copy-1", REFERENCE, "https://other.example.hu", TRUST);
        verified("copy-1", REFERENCE, "https://pid.example.hu",
                new IssuerTrust(List.of(DevCertificates.selfSigned("other", null).certificate()), List.of()));
        assertThat(verifications).isEqualTo(5);
    }

    @Test
    void aVerifiedCopyPastItsExpiryIsRefusedAtItsNextUse() throws Exception {
        copies.verified("copy", REFERENCE, "iss", TRUST, NOW, 10, () -> token(NOW.plus(Duration.ofMinutes(5))));

        assertThatThrownBy(() -> copies.verified("copy", REFERENCE, "iss", TRUST, NOW.plus(Duration.ofMinutes(6)), 10,
                () -> token(null))).isInstanceOf(PidStatusException.class).hasMessageContaining("expired");
    }

    private StatusListToken verified(String copy, StatusReference reference, String issuer, IssuerTrust trust)
            throws PidStatusException {
        return copies.verified(copy, reference, issuer, trust, NOW, 10, () -> {
            verifications++;
            return token(null);
        });
    }

    private static StatusListToken token(Instant expiresAt) {
        return new StatusListToken(NOW.minusSeconds(60), Optional.ofNullable(expiresAt), Optional.empty(), null);
    }
}
