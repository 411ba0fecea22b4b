package hu.ugyfelportal.demoportal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The realm's published RSA signing keys (its JWKS), by key id. Fetched on first use and again when a token names a
 * key not seen yet (the realm rotated its keys), but not more often than every few seconds.
 */
final class RealmKeys {

    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI keysEndpoint;
    private Map<String, PublicKey> keys = Map.of();
    private Instant fetchedAt = Instant.EPOCH;

    RealmKeys(HttpClient http, URI keysEndpoint) {
        this.http = http;
        this.keysEndpoint = keysEndpoint;
    }

    synchronized Optional<PublicKey> byId(String keyId) {
        if (!keys.containsKey(keyId) && Instant.now().isAfter(fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
            keys = fetch();
            fetchedAt = Instant.now();
        }
        return Optional.ofNullable(keys.get(keyId));
    }

    private Map<String, PublicKey> fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(keysEndpoint).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The realm's keys answered HTTP " + response.statusCode());
            }
            Map<String, PublicKey> found = new HashMap<>();
            for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
                if ("RSA".equals(key.path("kty").asText()) && !"enc".equals(key.path("use").asText())) {
                    found.put(key.path("kid").asText(), rsaKey(key.path("n").asText(), key.path("e").asText()));
                }
            }
            return found;
        } catch (IOException e) {
            throw new IllegalStateException("The realm's keys could not be fetched from " + keysEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey rsaKey(String modulus, String exponent) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(modulus)),
                    new BigInteger(1, Base64.getUrlDecoder().decode(exponent))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The realm published an unreadable RSA key", e);
        }
    }
}
