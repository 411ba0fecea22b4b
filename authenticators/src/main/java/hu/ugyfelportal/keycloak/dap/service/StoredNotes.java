package hu.ugyfelportal.keycloak.dap.service;

import java.util.Optional;

/**
 * Reads back what DÁP keeps in Keycloak's stores (session notes, single-use objects). A value this version cannot
 * read, left by an older one across an upgrade, comes back empty, so that the caller treats it as missing.
 */
final class StoredNotes {

    private StoredNotes() {
    }

    static Optional<Long> epochSecond(String stored) {
        try {
            return stored == null ? Optional.empty() : Optional.of(Long.parseLong(stored));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
