package hu.ugyfelportal.keycloak.emailcode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keyed hash (HMAC-SHA256) of a login code. The key of one login attempt is derived from a realm secret, which
 * lives in the database, and a random salt of the attempt, which lives in the authentication session with the hash.
 * So the session store alone is not enough to try the million six-digit codes offline, and equal codes of two
 * attempts have unrelated hashes.
 */
final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SALT_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 32;

    private final byte[] key;

    private CodeHasher(byte[] key) {
        this.key = key;
    }

    /** A fresh random salt for one login attempt, Base64-encoded for an authentication-session note. */
    static String newSalt(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt);
    }

    /** The hasher of one login attempt: the same secret and salt give the same hasher on any cluster node. */
    static CodeHasher forAttempt(byte[] realmSecret, String encodedSalt) {
        if (realmSecret == null || realmSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The realm secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new CodeHasher(mac(realmSecret, Base64.getDecoder().decode(encodedSalt)));
    }

    String hash(String code) {
        return Base64.getEncoder().encodeToString(mac(key, code.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time comparison of the entered code's hash with the stored one. */
    boolean matches(String enteredCode, String storedHash) {
        byte[] expected = Base64.getDecoder().decode(storedHash);
        return MessageDigest.isEqual(mac(key, enteredCode.getBytes(StandardCharsets.UTF_8)), expected);
    }

    private static byte[] mac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
