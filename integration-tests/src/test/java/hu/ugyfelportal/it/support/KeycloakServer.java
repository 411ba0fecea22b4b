package hu.ugyfelportal.it.support;

/** A running Keycloak with the bundle deployed and the ugyfelportal realm imported. */
public interface KeycloakServer extends AutoCloseable {

    /** For example {@code http://127.0.0.1:41234}. */
    String baseUrl();

    /** The master realm's admin, as every server of the tests is started with it. */
    default String adminUsername() {
        return TestSettings.ADMIN_USERNAME;
    }

    default String adminPassword() {
        return TestSettings.ADMIN_PASSWORD;
    }

    /** CPU time the server process has used so far, where the process is ours to read (not in Docker). */
    default java.util.Optional<java.time.Duration> cpuTime() {
        return java.util.Optional.empty();
    }

    /** The process id of Keycloak's JVM, where the process is ours (not in Docker): for jcmd. */
    default java.util.Optional<Long> javaPid() {
        return java.util.Optional.empty();
    }

    /** Keycloak's Prometheus metrics endpoint, when the server was started with metrics enabled. */
    default java.util.Optional<String> metricsUrl() {
        return java.util.Optional.empty();
    }

    /** The last lines of the server's log, shown when a test fails. */
    String logTail(int lines);

    @Override
    void close();
}
