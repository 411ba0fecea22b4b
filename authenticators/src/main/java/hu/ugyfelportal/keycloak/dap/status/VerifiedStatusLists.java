package hu.ugyfelportal.keycloak.dap.status;

import hu.ugyfelportal.keycloak.dap.protocol.IssuerTrust;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.StatusListToken;
import hu.ugyfelportal.keycloak.dap.protocol.StatusReference;
import org.keycloak.common.util.Base64Url;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The status list tokens this node has verified and inflated, by the token's SHA-256 and what it was verified for
 * (the PID's list URI and issuer, the issuer trust): a copy in the cluster's store (up to 1 MiB, inflating to 16 MiB)
 * is verified once per node, not at every login. Values only, derived from what the store holds, so no node ever
 * depends on another's memory; bounded, cleared when full. At every use its {@code exp} is checked again; its
 * signature and chain were checked when it was first verified here, and a copy is used at most for its cache time
 * or grace period.
 */
final class VerifiedStatusLists {

    /** Verifies and inflates one copy. */
    @FunctionalInterface
    interface Verification {
        StatusListToken verify() throws PidStatusException;
    }

    private record Key(String tokenHash, String uri, String issuer, IssuerTrust trust) {
    }

    private final int capacity;
    private final ConcurrentMap<Key, StatusListToken> verified = new ConcurrentHashMap<>();

    VerifiedStatusLists(int capacity) {
        this.capacity = capacity;
    }

    StatusListToken verified(String token, StatusReference reference, String issuer, IssuerTrust trust, Instant now,
                             int clockSkew, Verification verification) throws PidStatusException {
        if (token == null) {
            return verification.verify();
        }
        Key key = new Key(sha256(token), reference.uri(), issuer, trust);
        StatusListToken known = verified.get(key);
        if (known != null) {
            known.requireUnexpired(now, clockSkew);
            return known;
        }
        StatusListToken fresh = verification.verify();
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(key, fresh);
        return fresh;
    }

    static String sha256(String text) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
