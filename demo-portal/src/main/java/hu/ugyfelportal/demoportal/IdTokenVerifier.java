package hu.ugyfelportal.demoportal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks an ID token as a relying party must before it believes it (OpenID Connect Core 3.1.3.7): the RS256
 * signature by one of the realm's keys, the issuer, this client as audience (and authorized party), the expiry and
 * the nonce of this browser's login. Even a token fetched over the back channel is checked, as a real portal would.
 */
final class IdTokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final String issuer;
    private final String clientId;
    private final Function<String, Optional<PublicKey>> realmKeyById;
    private final Clock clock;

    IdTokenVerifier(String issuer, String clientId, Function<String, Optional<PublicKey>> realmKeyById, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.realmKeyById = realmKeyById;
        this.clock = clock;
    }

    /** The token's claims, once every check has passed. */
    Map<String, Object> verify(String idToken, String expectedNonce) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a signed JWT");
        }
        Map<String, Object> header = json(parts[0]);
        if (!"RS256".equals(header.get("alg"))) {
            throw new InvalidTokenException("unexpected signature algorithm " + header.get("alg"));
        }
        PublicKey key = realmKeyById.apply(String.valueOf(header.get("kid")))
                .orElseThrow(() -> new InvalidTokenException("signed by a key the realm does not publish"));
        if (!signatureValid(key, parts)) {
            throw new InvalidTokenException("bad signature");
        }
        Map<String, Object> claims = json(parts[1]);
        if (!issuer.equals(claims.get("iss"))) {
            throw new InvalidTokenException("issued by " + claims.get("iss") + ", not " + issuer);
        }
        List<?> audience = claims.get("aud") instanceof List<?> list ? list : List.of(String.valueOf(claims.get("aud")));
        if (!audience.contains(clientId) || (audience.size() > 1 && !clientId.equals(claims.get("azp")))) {
            throw new InvalidTokenException("not issued for " + clientId);
        }
        if (!(claims.get("exp") instanceof Number expiry)
                || clock.instant().minus(CLOCK_SKEW).getEpochSecond() >= expiry.longValue()) {
            throw new InvalidTokenException("expired");
        }
        if (!(claims.get("nonce") instanceof String nonce) || !MessageDigest.isEqual(
                nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidTokenException("nonce of another login");
        }
        return claims;
    }

    private static boolean signatureValid(PublicKey key, String[] parts) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Object> json(String base64Url) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(base64Url), new TypeReference<>() {
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTokenException("unreadable JWT part");
        }
    }

    /** Why a token was refused; the message names the check, never the token. */
    static final class InvalidTokenException extends RuntimeException {

        InvalidTokenException(String reason) {
            super("ID token refused: " + reason);
        }
    }
}
