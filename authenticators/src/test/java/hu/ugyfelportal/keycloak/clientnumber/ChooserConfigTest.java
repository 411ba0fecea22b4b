package hu.ugyfelportal.keycloak.clientnumber;

import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChooserConfigTest {

    @Test
    void withoutConfigurationTheChooserFollowsAPasswordLogin() {
        assertThat(ChooserConfig.from((AuthenticatorConfigModel) null).loginMethod()).isEqualTo(LoginMethod.PASSWORD);
        assertThat(ChooserConfig.from(config(Map.of())).loginMethod()).isEqualTo(LoginMethod.PASSWORD);
    }

    @Test
    void dapConfigurationFiltersToDapTypesAndExplainsWhyNoneIsLeft() {
        ChooserConfig dap = ChooserConfig.from(config(Map.of(ChooserConfig.LOGIN_METHOD, "DAP")));

        assertThat(dap.loginMethod()).isEqualTo(LoginMethod.DAP);
        assertThat(dap.noneEligibleMessage()).isEqualTo("clientNumber.noneEligibleDap");
        assertThat(ChooserConfig.from(config(Map.of())).noneEligibleMessage()).isEqualTo("clientNumber.noneEligible");
    }

    @Test
    void unknownLoginMethodIsAConfigurationError() {
        assertThatThrownBy(() -> ChooserConfig.from(config(Map.of(ChooserConfig.LOGIN_METHOD, "SMS"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SMS");
    }

    private static AuthenticatorConfigModel config(Map<String, String> values) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(values);
        return model;
    }
}
