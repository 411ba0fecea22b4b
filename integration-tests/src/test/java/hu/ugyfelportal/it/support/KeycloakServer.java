package hu.ugyfelportal.it.support;

/** A running Keycloak with the bundle deployed and the ugyfelportal realm imported. */
public interface KeycloakServer extends AutoCloseable {

    /** For example {@code http://127.0.0.1:41234}. */
    String baseUrl();

    String adminUsername();

    String adminPassword();

    /** The last lines of the server's log, shown when a test fails. */
    String logTail(int lines);

    @Override
    void close();
}
