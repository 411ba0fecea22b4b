package hu.ugyfelportal.keycloak.common;

import java.util.Optional;

/**
 * Reads back a number our steps keep in Keycloak's stores (session notes, single-use objects). A value this version
 * cannot read, left by an older one across an upgrade, comes back empty, so that the caller treats it as missing
 * rather than failing the request. Stored enum constants are read with {@link ConfigReader#parse}.
 */
public final class StoredNotes {

    private StoredNotes() {
    }

    /** A whole number (epoch seconds or milliseconds, a count); empty when missing or not a number. */
    public static Optional<Long> number(String stored) {
        try {
            return stored == null ? Optional.empty() : Optional.of(Long.parseLong(stored));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
