package hu.ugyfelportal.demoportal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokenVerifierTest {

    private static final String ISSUER = "http://localhost:8080/realms/ugyfelportal";
    private static final String CLIENT = "ugyfelportal-portal";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final KeyPair realmKey = rsaKeyPair();
    private final IdTokenVerifier verifier = new IdTokenVerifier(ISSUER, CLIENT,
            kid -> kid.equals("realm-key") ? Optional.of(realmKey.getPublic()) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsTheRealmsTokenForThisClientAndLogin() {
        Map<String, Object> claims = verifier.verify(sign(realmKey, "realm-key", "RS256", claims()), "nonce-1");

        assertThat(claims).containsEntry("client_number", "10000001");
    }

    @Test
    void refusesEachBrokenCheck() {
        Map<String, Object> otherIssuer = claims();
        otherIssuer.put("iss", "http://localhost:8080/realms/master");
        Map<String, Object> otherAudience = claims();
        otherAudience.put("aud", "account");
        Map<String, Object> sharedAudienceForAnotherParty = claims();
        sharedAudienceForAnotherParty.put("aud", List.of(CLIENT, "other"));
        sharedAudienceForAnotherParty.put("azp", "other");
        Map<String, Object> expired = claims();
        expired.put("exp", NOW.minusSeconds(60).getEpochSecond());
        String valid = sign(realmKey, "realm-key", "RS256", claims());

        assertRefused(sign(realmKey, "realm-key", "RS256", otherIssuer), "nonce-1", "issued by");
        assertRefused(sign(realmKey, "realm-key", "RS256", otherAudience), "nonce-1", "not issued for");
        assertRefused(sign(realmKey, "realm-key", "RS256", sharedAudienceForAnotherParty), "nonce-1", "not issued for");
        assertRefused(sign(realmKey, "realm-key", "RS256", expired), "nonce-1", "expired");
        assertRefused(valid, "nonce-of-another-login", "nonce");
        assertRefused(sign(rsaKeyPair(), "realm-key", "RS256", claims()), "nonce-1", "bad signature");
        assertRefused(sign(realmKey, "unknown-key", "RS256", claims()), "nonce-1", "key the realm does not publish");
        assertRefused(sign(realmKey, "realm-key", "none", claims()), "nonce-1", "algorithm");
        assertRefused(valid.substring(0, valid.lastIndexOf('.')), "nonce-1", "not a signed JWT");
    }

    private void assertRefused(String token, String nonce, String reason) {
        assertThatThrownBy(() -> verifier.verify(token, nonce))
                .isInstanceOf(IdTokenVerifier.InvalidTokenException.class).hasMessageContaining(reason);
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", CLIENT);
        claims.put("azp", CLIENT);
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("nonce", "nonce-1");
        claims.put("client_number", "10000001");
        return claims;
    }

    private static String sign(KeyPair key, String kid, String alg, Map<String, Object> claims) {
        try {
            ObjectMapper json = new ObjectMapper();
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String signed = base64.encodeToString(json.writeValueAsBytes(Map.of("alg", alg, "kid", kid, "typ", "JWT")))
                    + "." + base64.encodeToString(json.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
