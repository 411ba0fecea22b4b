package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * Moves the test server's clock: Keycloak's {@code Time} offset, which our steps and Keycloak read, and by which the
 * embedded Infinispan then expires stored entries. Through the test-only provider {@code test-clock} (module
 * test-clock/, in the test server's providers/ only), as the master realm's administrator. Closing it puts the clock
 * back to the real time, so open it in try-with-resources: the other tests share the server.
 * <pre>{@code try (TestClock clock = environment.clock()) { clock.move(Duration.ofSeconds(301)); ... }}</pre>
 */
public final class TestClock implements AutoCloseable {

    private static final String PATH = "/realms/master/test-clock";

    private final AdminApi admin;
    private int offsetSeconds;

    TestClock(AdminApi admin) {
        this.admin = admin;
        this.offsetSeconds = read();
        if (offsetSeconds != 0) {
            throw new IllegalStateException("The server's clock is already moved by " + offsetSeconds
                    + " s: an earlier test did not close its TestClock");
        }
    }

    /** Moves the clock forward (or back, for a negative amount) from where it is now. */
    public void move(Duration amount) {
        set(offsetSeconds + Math.toIntExact(amount.toSeconds()));
    }

    /**
     * Has Infinispan remove the entries that are expired by the moved clock now: its reaper would take up to 5 min
     * (the {@code actionTokens} cache's round), which a test should not wait for.
     */
    public void removeExpiredEntries() {
        admin.callAsAdministrator("POST", PATH + "/remove-expired", null).expect(204);
    }

    /** How far the server's clock is ahead of the real time, as the server says. */
    public int offsetSeconds() {
        return read();
    }

    /** Back to the real time. */
    @Override
    public void close() {
        set(0);
    }

    private void set(int seconds) {
        admin.callAsAdministrator("PUT", PATH, Map.of("offset", seconds)).expect(200);
        offsetSeconds = seconds;
        // The admin token was issued on the old clock; the server may now find it expired.
        admin.logInAgain();
    }

    private int read() {
        String body = admin.callAsAdministrator("GET", PATH, null).expect(200).body();
        try {
            return JsonSerialization.readValue(body, new TypeReference<Map<String, Integer>>() {
            }).get("offset");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
