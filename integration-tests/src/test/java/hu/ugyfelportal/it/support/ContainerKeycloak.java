package hu.ugyfelportal.it.support;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.BindMode;
import org.testcontainers.utility.MountableFile;

import java.util.List;
import java.util.Map;

/**
 * The same server in Docker, for people who have a Docker engine: {@code -Dkeycloak.server=testcontainers}.
 * Compiled on every build; not run in CI, which has no Docker engine.
 */
final class ContainerKeycloak implements KeycloakServer {

    /** Inside the container, the host's loopback services are reached under this name. */
    static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";

    private final KeycloakContainer container;

    private ContainerKeycloak(KeycloakContainer container) {
        this.container = container;
    }

    static ContainerKeycloak start(Map<String, String> realmEnvironment, List<Integer> hostPortsToExpose) {
        hostPortsToExpose.forEach(Testcontainers::exposeHostPorts);
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + TestSettings.keycloakVersion())
                .withAdminUsername(TestSettings.ADMIN_USERNAME)
                .withAdminPassword(TestSettings.ADMIN_PASSWORD)
                .withProviderLibsFrom(List.of(TestSettings.bundleJar().toFile(), TestSettings.testClockJar().toFile()))
                .withCopyFileToContainer(MountableFile.forHostPath(TestSettings.realmFile()),
                        "/opt/keycloak/data/import/ugyfelportal-realm.json")
                .withCopyFileToContainer(MountableFile.forHostPath(TestSettings.demoUsersFile()),
                        "/opt/keycloak/data/import/ugyfelportal-users-0.json")
                // The files come from realm-config/ on disk, not the classpath, so import is asked for here.
                .withCustomCommand("--import-realm")
                .withEnv(realmEnvironment)
                // The vault's entries at the path the environment names (TestVault), inside the container too.
                .withFileSystemBind(realmEnvironment.get("KC_VAULT_DIR"), realmEnvironment.get("KC_VAULT_DIR"),
                        BindMode.READ_ONLY)
                .withAccessToHost(true);
        // Health, metrics and event metrics as in production (deploy/keycloak.conf), as for the distribution.
        KeycloakConf.observabilityArguments().forEach(container::withCustomCommand);
        container.withCustomCommand(TestSettings.MAX_WAITING_PAGES_OPTION);
        container.start();
        return new ContainerKeycloak(container);
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public java.util.Optional<String> metricsUrl() {
        return java.util.Optional.of(container.getMgmtServerUrl() + "/metrics");
    }

    @Override
    public String logTail(int lines) {
        List<String> all = container.getLogs().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        container.stop();
    }
}
