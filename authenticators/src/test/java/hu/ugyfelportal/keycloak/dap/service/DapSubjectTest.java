package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DapSubjectTest {

    private static final DapConfig CONFIG = DapConfig.from(Map.of());

    @Test
    void theSamePersonAlwaysGetsTheSameSubjectWhichIsNotTheirIdentifier() throws Exception {
        String first = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001", "given_name", "János"));
        String again = DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000001", "given_name", "Jani"));

        assertThat(first).isEqualTo(again).doesNotContain("DEV-000001").hasSize(43);
        assertThat(DapSubject.of(CONFIG, Map.of("personal_administrative_number", "DEV-000002"))).isNotEqualTo(first);
    }

    @Test
    void aPresentationWithoutTheSubjectClaimIsRefused() {
        assertThatThrownBy(() -> DapSubject.of(CONFIG, Map.of("family_name", "Kovács")))
                .isInstanceOf(PresentationRejectedException.class)
                .hasMessageContaining("personal_administrative_number");
    }
}
