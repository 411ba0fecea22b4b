package hu.ugyfelportal.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Paths and switches handed over by Maven (see integration-tests/pom.xml), checked once. */
public final class TestSettings {

    static final String REALM = "ugyfelportal";
    static final String PORTAL_CLIENT_ID = "ugyfelportal-portal";
    static final String PORTAL_CLIENT_SECRET = "integration-test-secret";
    /**
     * The realm's portal URL, on a port free at the run's start. The browser helpers stop at redirects to its
     * {@code /callback} and read the code; only the demo portal listens there, when a test asks for it, and it
     * answers its own paths ({@code /login/callback}), never {@code /callback}.
     */
    static final String PORTAL_URL = "http://localhost:" + FreePort.find();
    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin";
    /**
     * The DÁP provider's server option as an operator writes it, with a value other than its default, so a test can
     * see it take effect (the waiting pages of a test run stay far below it).
     */
    public static final int MAX_WAITING_PAGES = 4321;
    static final String MAX_WAITING_PAGES_OPTION = "--spi-identity_provider--dap--max-waiting-pages=" + MAX_WAITING_PAGES;
    /** The same option the way containers and the Keycloak Operator pass options: the single test server gets this one. */
    static final Map.Entry<String, String> MAX_WAITING_PAGES_ENVIRONMENT =
            Map.entry("KC_SPI_IDENTITY_PROVIDER__DAP__MAX_WAITING_PAGES", String.valueOf(MAX_WAITING_PAGES));

    private TestSettings() {
    }

    static String serverKind() {
        return System.getProperty("keycloak.server", "distribution");
    }

    static String keycloakVersion() {
        return required("keycloak.version");
    }

    static Path keycloakDistribution() {
        return existingPath("keycloak.dist.dir");
    }

    static Path keycloakWorkDir() {
        return Path.of(required("keycloak.work.dir"));
    }

    static Path bundleJar() {
        return existingPath("bundle.jar");
    }

    /** The test-only provider behind {@link TestClock}; deployed into the test server, never into the bundle. */
    static Path testClockJar() {
        return existingPath("test.clock.jar");
    }

    static Path realmFile() {
        return existingPath("realm.file");
    }

    /** deploy/keycloak.conf: the production image's and the cluster's Keycloak options. */
    static Path keycloakConfFile() {
        return existingPath("keycloak.conf.file");
    }

    static Path demoUsersFile() {
        return existingPath("demo.users.file");
    }

    private static Path existingPath(String property) {
        Path path = Path.of(required(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " points to " + path
                    + ", which does not exist. Run the tests through Maven (scripts/test.sh).");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set. Run the tests through Maven (scripts/test.sh).");
        }
        return value;
    }
}
