package hu.ugyfelportal.keycloak.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogSafe.text("kovács.jános@example.hu")).isEqualTo("kovács.jános@example.hu");
        assertThat(LogSafe.text(null)).isNull();
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(LogSafe.text("a\u0000b\r\nc\u001b[31m\u2028\u202e"))
                .isEqualTo("a\\u0000b\\u000d\\u000ac\\u001b[31m\\u2028\\u202e")
                .doesNotContain("\u0000", "\n", "\r", "\u001b");
    }

    @Test
    void longValuesAreCut() {
        assertThat(LogSafe.text("1234567890", 4)).isEqualTo("1234…");
        assertThat(LogSafe.text("x".repeat(500))).hasSize(LogSafe.DEFAULT_MAX_LENGTH + 1);
    }
}
