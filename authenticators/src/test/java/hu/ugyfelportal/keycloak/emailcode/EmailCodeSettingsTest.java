package hu.ugyfelportal.keycloak.emailcode;

import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailCodeSettingsTest {

    @Test
    void missingConfigurationGivesTheSpecDefaults() {
        EmailCodeSettings settings = EmailCodeSettings.from(null);

        assertThat(settings.codeLength()).isEqualTo(6);
        assertThat(settings.lifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.maxWrongTries()).isEqualTo(5);
        assertThat(settings.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxSends()).isEqualTo(5);
        assertThat(EmailCodeSettings.from(Map.of())).isEqualTo(settings);
    }

    @Test
    void readsEverySetting() {
        EmailCodeSettings settings = EmailCodeSettings.from(Map.of(
                "codeLength", "8", "lifetimeSeconds", " 120 ", "maxWrongTries", "3",
                "resendCooldownSeconds", "0", "maxSendsPerLogin", "2"));

        assertThat(settings).isEqualTo(new EmailCodeSettings(8, Duration.ofSeconds(120), 3, Duration.ZERO, 2));
    }

    @Test
    void blankValueMeansDefault() {
        assertThat(EmailCodeSettings.from(Map.of("codeLength", " ")).codeLength()).isEqualTo(6);
    }

    @Test
    void theAdminConsoleDefaultsReadBackAsTheDefaults() {
        Map<String, String> shownDefaults = new EmailCodeAuthenticatorFactory().getConfigProperties().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, property -> property.getDefaultValue().toString()));

        assertThat(shownDefaults).hasSize(5);
        assertThat(EmailCodeSettings.from(shownDefaults)).isEqualTo(EmailCodeSettings.DEFAULTS);
    }

    @Test
    void refusesTextAndOutOfRangeValuesNamingEachSetting() {
        Map<String, String> config = new HashMap<>();
        config.put("codeLength", "5");
        config.put("lifetimeSeconds", "öt perc");
        config.put("maxWrongTries", "0");
        config.put("resendCooldownSeconds", "-1");
        config.put("maxSendsPerLogin", "21");

        assertThatThrownBy(() -> EmailCodeSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codeLength must be a whole number from 6 to 12, not '5'")
                .hasMessageContaining("lifetimeSeconds must be a whole number from 1 to 3600, not 'öt perc'")
                .hasMessageContaining("maxWrongTries must be a whole number from 1 to 10, not '0'")
                .hasMessageContaining("resendCooldownSeconds must be a whole number from 0 to 3600, not '-1'")
                .hasMessageContaining("maxSendsPerLogin must be a whole number from 1 to 20, not '21'");
    }

    @Test
    void boundsAreInclusive() {
        EmailCodeSettings.from(Map.of("codeLength", "12", "lifetimeSeconds", "3600", "maxWrongTries", "10",
                "resendCooldownSeconds", "3600", "maxSendsPerLogin", "20"));
        EmailCodeSettings.from(Map.of("codeLength", "6", "lifetimeSeconds", "1", "maxWrongTries", "1",
                "resendCooldownSeconds", "0", "maxSendsPerLogin", "1"));
        assertThatThrownBy(() -> EmailCodeSettings.from(Map.of("codeLength", "13")))
                .hasMessageContaining("codeLength");
        assertThatThrownBy(() -> EmailCodeSettings.from(Map.of("lifetimeSeconds", "0")))
                .hasMessageContaining("lifetimeSeconds");
    }

    @Test
    void constructorRefusesWhatTheConfigWouldRefuse() {
        assertThatThrownBy(() -> new EmailCodeSettings(4, Duration.ofMinutes(5), 5, Duration.ZERO, 5))
                .hasMessageContaining("codeLength");
    }

    @Test
    void codesHaveTheConfiguredNumberOfDecimalDigits() {
        for (int length = 6; length <= 12; length++) {
            EmailCodeSettings settings = EmailCodeSettings.from(Map.of("codeLength", String.valueOf(length)));
            assertThat(settings.newCode()).matches("[0-9]{" + length + "}");
        }
    }

    @Test
    void everyDigitAppearsInEveryPosition() {
        // 2000 codes: the chance that a fair generator misses one digit at one position is about 6 * 10 * 0.9^2000.
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = EmailCodeSettings.DEFAULTS.newCode();
            for (int position = 0; position < 6; position++) {
                seen.add(position + ":" + code.charAt(position));
            }
        }
        assertThat(seen).hasSize(60);
    }

    @Test
    void codesDoNotRepeatInPractice() {
        EmailCodeSettings twelveDigits = EmailCodeSettings.from(Map.of("codeLength", "12"));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            codes.add(twelveDigits.newCode());
        }
        assertThat(codes).hasSize(200);
    }

    @Test
    void lifetimeIsShownInMinutesWhenWhole() {
        assertThat(EmailCodeSettings.DEFAULTS.lifetimeForPeople()).isEqualTo(new EmailCodeSettings.Lifetime(5, true));
        assertThat(EmailCodeSettings.from(Map.of("lifetimeSeconds", "90")).lifetimeForPeople())
                .isEqualTo(new EmailCodeSettings.Lifetime(90, false));
    }
}
