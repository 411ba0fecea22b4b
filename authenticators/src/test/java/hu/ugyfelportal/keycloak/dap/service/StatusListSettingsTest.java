package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.dap.DapIdentityProviderFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusListSettingsTest {

    @Test
    void defaultsRefuseWhenTheListIsUnreachableAndAllowNoPlainHttp() {
        StatusListSettings settings = DapConfig.from(Map.of()).statusList();

        assertThat(settings.failurePolicy()).isEqualTo(StatusListSettings.FailurePolicy.REFUSE);
        assertThat(settings.graceSeconds()).isEqualTo(3600);
        assertThat(settings.maxCacheSeconds()).isEqualTo(300);
        assertThat(settings.fetchTimeoutSeconds()).isEqualTo(5);
        assertThat(settings.loopbackHttp()).isFalse();
    }

    @Test
    void readsEverySetting() {
        StatusListSettings settings = DapConfig.from(Map.of(
                StatusListSettings.FAILURE_POLICY, "last-good-copy", StatusListSettings.GRACE, "600",
                StatusListSettings.MAX_CACHE, "0", StatusListSettings.FETCH_TIMEOUT, "2",
                StatusListSettings.LOOPBACK_HTTP, "true")).statusList();

        assertThat(settings).isEqualTo(new StatusListSettings(StatusListSettings.FailurePolicy.LAST_GOOD_COPY, 600, 0, 2, true));
    }

    @Test
    void refusesWrongValuesNamingTheSetting() {
        assertThatThrownBy(() -> DapConfig.from(Map.of(StatusListSettings.FAILURE_POLICY, "accept")))
                .hasMessageContaining("dapStatusListFailurePolicy").hasMessageContaining("refuse, last-good-copy");
        assertThatThrownBy(() -> DapConfig.from(Map.of(StatusListSettings.FETCH_TIMEOUT, "0")))
                .hasMessageContaining("dapStatusListFetchTimeoutSeconds");
        assertThatThrownBy(() -> DapConfig.from(Map.of(StatusListSettings.MAX_CACHE, "-1")))
                .hasMessageContaining("dapStatusListMaxCacheSeconds");
        assertThatThrownBy(() -> DapConfig.from(Map.of(StatusListSettings.LOOPBACK_HTTP, "yes")))
                .hasMessageContaining("dapStatusListLoopbackHttp");
    }

    @Test
    void theAdminConsoleListsEverySetting() {
        assertThat(new DapIdentityProviderFactory().getConfigProperties()).extracting(property -> property.getName())
                .contains(StatusListSettings.FAILURE_POLICY, StatusListSettings.GRACE, StatusListSettings.MAX_CACHE,
                        StatusListSettings.FETCH_TIMEOUT, StatusListSettings.LOOPBACK_HTTP);
    }
}
