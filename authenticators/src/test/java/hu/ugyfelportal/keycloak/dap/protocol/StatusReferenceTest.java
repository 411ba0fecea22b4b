package hu.ugyfelportal.keycloak.dap.protocol;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusReferenceTest {

    private static final String URI = "https://pid.example.hu/status-lists/1";

    @Test
    void aPidWithoutStatusHasNothingToCheck() throws Exception {
        assertThat(StatusReference.of(Map.of("iss", "https://pid.example.hu"))).isEmpty();
    }

    @Test
    void readsIndexAndUriOfTheStatusList() throws Exception {
        assertThat(StatusReference.of(Map.of("status", Map.of("status_list", Map.of("idx", 412, "uri", URI)))))
                .contains(new StatusReference(412, URI));
    }

    @Test
    void refusesAStatusItCannotRead() {
        assertRefused(Map.of("other_mechanism", Map.of()), "names no status_list");
        assertRefused(Map.of("status_list", Map.of("uri", URI)), "idx");
        assertRefused(Map.of("status_list", Map.of("idx", -1, "uri", URI)), "idx");
        assertRefused(Map.of("status_list", Map.of("idx", 1.5, "uri", URI)), "idx");
        assertRefused(Map.of("status_list", Map.of("idx", "3", "uri", URI)), "idx");
        assertRefused(Map.of("status_list", Map.of("idx", 3, "uri", "/status-lists/1")), "absolute URI");
        assertRefused(Map.of("status_list", Map.of("idx", 3)), "absolute URI");
        assertRefused("status", "names no status_list");
    }

    private static void assertRefused(Object status, String reason) {
        assertThatThrownBy(() -> StatusReference.of(Map.of("status", status)))
                .isInstanceOf(PresentationRejectedException.class).isNotInstanceOf(PidStatusException.class)
                .hasMessageContaining(reason);
    }
}
