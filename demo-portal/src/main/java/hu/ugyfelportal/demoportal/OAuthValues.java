package hu.ugyfelportal.demoportal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values an OAuth client makes itself: random tokens (state, nonce, PKCE verifier, session ids), the PKCE S256
 * challenge (RFC 7636 §4.2) and form encoding. Public, because the integration tests' portal client is the same kind
 * of client.
 */
public final class OAuthValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthValues() {
    }

    /** 256 random bits, base64url without padding (43 characters, a valid PKCE verifier). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String pkceChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** application/x-www-form-urlencoded, for a query string or a POST body. */
    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
