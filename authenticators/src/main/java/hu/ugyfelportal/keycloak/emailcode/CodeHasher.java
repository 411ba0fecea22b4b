package hu.ugyfelportal.keycloak.emailcode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keyed hash (HMAC-SHA256) of a login code. The authentication session keeps only this hash and a random key of
 * its own, so a leaked session store does not reveal a code, and codes cannot be tried offline against a table.
 */
final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final byte[] key;

    private CodeHasher(byte[] key) {
        this.key = key.clone();
    }

    /** A fresh random key, Base64-encoded for an authentication-session note. */
    static String newKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static CodeHasher withKey(String encodedKey) {
        byte[] key = Base64.getDecoder().decode(encodedKey);
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("The code key is too short");
        }
        return new CodeHasher(key);
    }

    String hash(String code) {
        return Base64.getEncoder().encodeToString(mac(code));
    }

    /** Constant-time comparison of the entered code's hash with the stored one. */
    boolean matches(String enteredCode, String storedHash) {
        byte[] expected = Base64.getDecoder().decode(storedHash);
        return MessageDigest.isEqual(mac(enteredCode), expected);
    }

    private byte[] mac(String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
