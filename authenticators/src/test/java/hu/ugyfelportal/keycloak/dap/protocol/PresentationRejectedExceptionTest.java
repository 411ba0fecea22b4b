package hu.ugyfelportal.keycloak.dap.protocol;

import org.junit.jupiter.api.Test;
import org.keycloak.common.VerificationException;

import static org.assertj.core.api.Assertions.assertThat;

class PresentationRejectedExceptionTest {

    @Test
    void aFailedCheckIsNamedWithoutTheValuesItCompared() {
        VerificationException nonceMismatch = new VerificationException("Expected value 'our-secret-nonce-123' in token "
                + "for claim 'nonce' does not match actual value 'their-nonce-456'");

        PresentationRejectedException rejected = new PresentationRejectedException("presentation invalid", nonceMismatch);

        assertThat(rejected.reason())
                .isEqualTo("presentation invalid: Expected value '…' in token for claim 'nonce' does not match actual value '…'")
                .doesNotContain("our-secret-nonce-123", "their-nonce-456");
    }
}
