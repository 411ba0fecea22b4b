package hu.ugyfelportal.keycloak.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkPurposeTest {

    @Test
    void theQueryParameterOpensTheRegistrationPageOnlyWhenItSaysSo() {
        assertThat(LinkPurpose.fromParameter("registration")).isEqualTo(LinkPurpose.REGISTRATION);
        assertThat(LinkPurpose.fromParameter("reset")).isEqualTo(LinkPurpose.PASSWORD_RESET);
        assertThat(LinkPurpose.fromParameter(null)).isEqualTo(LinkPurpose.PASSWORD_RESET);
    }

    @Test
    void aStoredPurposeThisVersionDoesNotKnowIsAPasswordReset() {
        assertThat(LinkPurpose.fromNote("REGISTRATION")).isEqualTo(LinkPurpose.REGISTRATION);
        assertThat(LinkPurpose.fromNote(null)).isEqualTo(LinkPurpose.PASSWORD_RESET);
        assertThat(LinkPurpose.fromNote("ACCOUNT_CLAIM")).isEqualTo(LinkPurpose.PASSWORD_RESET);
    }
}
