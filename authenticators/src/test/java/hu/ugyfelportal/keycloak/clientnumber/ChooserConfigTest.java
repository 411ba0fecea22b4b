package hu.ugyfelportal.keycloak.clientnumber;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChooserConfigTest {

    @Test
    void withoutConfigurationTheChooserFollowsAPasswordLogin() {
        assertThat(ChooserConfig.from(null).loginMethod()).isEqualTo(LoginMethod.PASSWORD);
        assertThat(ChooserConfig.from(Map.of()).loginMethod()).isEqualTo(LoginMethod.PASSWORD);
    }

    @Test
    void dapConfigurationFiltersToDapTypesAndExplainsWhyNoneIsLeft() {
        ChooserConfig dap = ChooserConfig.from(Map.of(ChooserConfig.LOGIN_METHOD, "DAP"));

        assertThat(dap.loginMethod()).isEqualTo(LoginMethod.DAP);
        assertThat(dap.noneEligibleMessage()).isEqualTo("clientNumber.noneEligibleDap");
        assertThat(ChooserConfig.from(Map.of()).noneEligibleMessage()).isEqualTo("clientNumber.noneEligible");
    }

    @Test
    void unknownLoginMethodIsAConfigurationError() {
        assertThatThrownBy(() -> ChooserConfig.from(Map.of(ChooserConfig.LOGIN_METHOD, "SMS")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SMS");
    }
}
