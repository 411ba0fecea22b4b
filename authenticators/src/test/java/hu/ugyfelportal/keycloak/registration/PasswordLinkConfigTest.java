package hu.ugyfelportal.keycloak.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordLinkConfigTest {

    @Test
    void noConfigMeansFifteenMinutesAndTheFaqAnswer() {
        PasswordLinkConfig config = PasswordLinkConfig.from(null);

        assertThat(config.linkLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.revealUnknownEmail()).isTrue();
    }

    @Test
    void blankValuesTakeTheDefaults() {
        assertThat(PasswordLinkConfig.from(Map.of("linkLifetimeSeconds", " ", "revealUnknownEmail", "")))
                .isEqualTo(PasswordLinkConfig.defaults());
    }

    @Test
    void adminConsoleValuesAreRead() {
        PasswordLinkConfig config = PasswordLinkConfig.from(Map.of("linkLifetimeSeconds", "600", "revealUnknownEmail", "false"));

        assertThat(config.linkLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.revealUnknownEmail()).isFalse();
    }

    @Test
    void lifetimeMustBeAPositiveNumberOfSecondsUpToADay() {
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("linkLifetimeSeconds", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linkLifetimeSeconds");
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("linkLifetimeSeconds", "86401")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("linkLifetimeSeconds", "tíz perc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
    }

    @Test
    void linkMailsAreLimitedToOneAMinuteAndFiveAnHourByDefault() {
        PasswordLinkConfig config = PasswordLinkConfig.from(Map.of());

        assertThat(config.mailCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.mailsPerHour()).isEqualTo(5);
    }

    @Test
    void mailLimitsAreReadAndChecked() {
        PasswordLinkConfig config = PasswordLinkConfig.from(Map.of("mailCooldownSeconds", "0", "mailsPerHour", "20"));

        assertThat(config.mailCooldown()).isZero();
        assertThat(config.mailsPerHour()).isEqualTo(20);
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("mailCooldownSeconds", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mailCooldownSeconds");
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("mailsPerHour", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mailsPerHour");
        assertThatThrownBy(() -> PasswordLinkConfig.from(Map.of("mailsPerHour", "5000000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not '5000000000'");
    }
}
