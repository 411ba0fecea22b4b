package hu.ugyfelportal.keycloak.dap.service;

import org.keycloak.common.util.Time;

import java.time.Instant;

/** The DÁP code's one reading of the time: Keycloak's clock, which a test server can move ({@code Time.setOffset}). */
public final class DapClock {

    private DapClock() {
    }

    public static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
