package hu.ugyfelportal.it.cluster;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.ClusterEnvironment;
import hu.ugyfelportal.it.support.ClusterExtension;
import hu.ugyfelportal.it.support.ClusterNode;
import hu.ugyfelportal.it.support.KeycloakConf;
import hu.ugyfelportal.it.support.MetricCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production image (Containerfile) and the tested cluster are built from one file, deploy/keycloak.conf: this
 * proves the running nodes were built with exactly its build-time options and run with the rest, and that what
 * those options turn on (health, metrics, event metrics) answers on the management port of a production-mode node.
 */
@ExtendWith(ClusterExtension.class)
class BuildOptionsIT {

    /** Where kc.sh build persists the build-time options it was given. */
    private static final String PERSISTED = "META-INF/keycloak-persisted.properties";
    /** Entries kc.sh build writes by itself, not from an option: the mode, and the providers' JARs it was built with. */
    private static final Set<String> NOT_OPTIONS = Set.of("optimized", "profile");
    private static final String PROVIDER_FILES = "provider.file.";
    /** Keycloak's warning when a start is given build-time values the build did not take. */
    private static final String NOT_BUILT = "build time options have values that differ from what is persisted";

    @Test
    void bothNodesWereBuiltWithTheBuildTimeOptionsOfDeployKeycloakConfAndNoOthers(ClusterEnvironment cluster)
            throws IOException {
        Map<String, String> file = KeycloakConf.options();
        for (ClusterNode node : List.of(cluster.nodeA(), cluster.nodeB())) {
            Map<String, String> built = persistedBuildOptions(node);

            assertThat(built).as("node %s was built with options", node.name()).containsKey("db");
            assertThat(file).as("deploy/keycloak.conf holds every build-time option node %s was built with",
                    node.name()).containsAllEntriesOf(built);
            assertThat(nodeConf(node)).as("node %s runs with every option of deploy/keycloak.conf", node.name())
                    .containsAllEntriesOf(file);
            assertThat(node.logSinceStart()).as("Keycloak found no build-time option of node %s's keycloak.conf "
                    + "that its build lacks", node.name()).doesNotContain(NOT_BUILT);
        }
    }

    @Test
    void aProductionNodeAnswersHealthAndCountsOurEventsOnItsManagementPort(ClusterEnvironment cluster)
            throws Exception {
        ClusterNode node = cluster.nodeA();
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.managementUrl() + "/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as("/health/ready: %s", ready.body()).isEqualTo(200);

        Map<String, String> sentCode = Map.of("event", "send_verify_email", "error", "", "realm", "ugyfelportal",
                "client_id", "ugyfelportal-portal");
        double before = MetricCounters.read(node.metricsUrl().orElseThrow(), MetricCounters.USER_EVENTS).count(sentCode);
        String email = AdminApi.uniqueEmail("cluster-metrika");
        ClusterJourney.customer(cluster, email);
        ClusterJourney.toCodePage(cluster, node, email);

        assertThat(MetricCounters.read(node.metricsUrl().orElseThrow(), MetricCounters.USER_EVENTS).count(sentCode))
                .as("the code mail counted on the node that sent it").isEqualTo(before + 1);
    }

    private static Map<String, String> persistedBuildOptions(ClusterNode node) throws IOException {
        Properties persisted = new Properties();
        try (ZipFile jar = new ZipFile(node.home().resolve("lib/quarkus/generated-bytecode.jar").toFile())) {
            ZipEntry entry = jar.getEntry(PERSISTED);
            assertThat(entry).as("%s in node %s's build", PERSISTED, node.name()).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                persisted.load(in);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        persisted.stringPropertyNames().stream().filter(key -> key.startsWith("kc."))
                .map(key -> key.substring("kc.".length())).filter(key -> !NOT_OPTIONS.contains(key) && !key.startsWith(PROVIDER_FILES)).sorted()
                .forEach(key -> options.put(key, persisted.getProperty("kc." + key)));
        return options;
    }

    private static Map<String, String> nodeConf(ClusterNode node) throws IOException {
        Properties conf = new Properties();
        conf.load(new StringReader(Files.readString(node.home().resolve("conf/keycloak.conf"))));
        Map<String, String> options = new LinkedHashMap<>();
        conf.stringPropertyNames().forEach(key -> options.put(key, conf.getProperty(key).strip()));
        return options;
    }
}
