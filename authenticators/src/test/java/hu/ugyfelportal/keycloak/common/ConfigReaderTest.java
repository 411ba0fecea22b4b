package hu.ugyfelportal.keycloak.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigReaderTest {

    enum Mode {
        PLAIN, ENCRYPTED;

        String inConfig() {
            return name().toLowerCase();
        }
    }

    @Test
    void missingOrBlankValuesTakeTheDefaults() {
        ConfigReader read = new ConfigReader("test", Map.of("length", " ", "mode", ""));

        assertThat(read.wholeNumber("length", 1, 9, 6)).isEqualTo(6);
        assertThat(read.seconds("lifetime", 1, 60, Duration.ofSeconds(30))).hasSeconds(30);
        assertThat(read.bool("reveal", true)).isTrue();
        assertThat(read.oneOf("mode", Mode.class, Mode::inConfig, Mode.ENCRYPTED)).isEqualTo(Mode.ENCRYPTED);
        assertThat(read.list("claims", "a, b,,c")).containsExactly("a", "b", "c");
        assertThat(read.parsed("pem", Integer::valueOf, 0)).isZero();
        read.finish();
        assertThat(new ConfigReader("test", null).text("anything", "x")).isEqualTo("x");
    }

    @Test
    void goodValuesAreReadTrimmed() {
        ConfigReader read = new ConfigReader("test", Map.of("length", " 8 ", "reveal", "false", "mode", "plain",
                "pem", "42"));

        assertThat(read.wholeNumber("length", 1, 9, 6)).isEqualTo(8);
        assertThat(read.bool("reveal", true)).isFalse();
        assertThat(read.oneOf("mode", Mode.class, Mode::inConfig, Mode.ENCRYPTED)).isEqualTo(Mode.PLAIN);
        assertThat(read.parsed("pem", Integer::valueOf, 0)).isEqualTo(42);
        assertThat(read.hasProblems()).isFalse();
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        ConfigReader read = new ConfigReader("e-mail code", Map.of("length", "10", "tries", "five",
                "reveal", "yes", "mode", "PLAIN", "pem", "x"));

        assertThat(read.wholeNumber("length", 1, 9, 6)).isEqualTo(6);
        assertThat(read.wholeNumber("tries", 1, 9, 5)).isEqualTo(5);
        assertThat(read.bool("reveal", true)).isTrue();
        assertThat(read.oneOf("mode", Mode.class, Mode::inConfig, Mode.ENCRYPTED)).isEqualTo(Mode.ENCRYPTED);
        assertThat(read.parsed("pem", Integer::valueOf, 0)).isZero();
        read.problem("tries must not exceed length");

        assertThatThrownBy(read::finish)
                .isInstanceOf(ConfigReader.InvalidSettingsException.class)
                .hasMessageStartingWith("Invalid e-mail code settings: ")
                .hasMessageContaining("length must be a whole number from 1 to 9, not '10'")
                .hasMessageContaining("tries must be a whole number from 1 to 9, not 'five'")
                .hasMessageContaining("reveal must be true or false, not 'yes'")
                .hasMessageContaining("mode must be one of plain, encrypted, not 'PLAIN'")
                .hasMessageContaining("pem: For input string")
                .hasMessageEndingWith("tries must not exceed length")
                .satisfies(e -> assertThat(((ConfigReader.InvalidSettingsException) e).problems()).hasSize(6));
    }

    @Test
    void aBuiltValueIsCheckedAgainstTheRangeItWouldBeReadIn() {
        ConfigReader check = new ConfigReader("e-mail code", null);

        check.range("length", 1, 1, 9);
        check.range("length", 9, 1, 9);
        assertThat(check.hasProblems()).isFalse();
        check.range("length", 10, 1, 9);
        check.range("tries", 0, 1, 9);

        assertThatThrownBy(check::finish)
                .hasMessageContaining("length must be a whole number from 1 to 9, not 10")
                .hasMessageContaining("tries must be a whole number from 1 to 9, not 0");
    }

    @Test
    void theProblemsGoToTheLogEscapedAndCut() {
        ConfigReader read = new ConfigReader("test", Map.of("mode", "plain\r\nFAKE LOG LINE",
                "length", "x".repeat(5000)));
        read.oneOf("mode", Mode.class, Mode::inConfig, Mode.ENCRYPTED);
        read.wholeNumber("length", 1, 9, 6);

        assertThatThrownBy(read::finish).isInstanceOfSatisfying(ConfigReader.InvalidSettingsException.class, e ->
                assertThat(e.problemsForLog()).contains("plain\\u000d\\u000aFAKE LOG LINE").doesNotContain("\n", "\r")
                        .hasSizeLessThan(2100));
    }

    @Test
    void aStaleStoredNameParsesToNothing() {
        assertThat(ConfigReader.parse("plain", Mode.class, Mode::inConfig)).contains(Mode.PLAIN);
        assertThat(ConfigReader.parse("RETIRED", Mode.class, Mode::inConfig)).isEmpty();
        assertThat(ConfigReader.parse(null, Mode.class, Mode::inConfig)).isEmpty();
    }
}
