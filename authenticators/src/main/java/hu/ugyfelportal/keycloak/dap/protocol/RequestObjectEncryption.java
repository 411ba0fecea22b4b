package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.JWEHeader;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;

/**
 * The signed request object encrypted to a key from the wallet's {@code wallet_metadata.jwks} (OID4VP 1.0 §5.10,
 * §5.10.1: "a signed, optionally encrypted, request object"; nested as RFC 9101 §6 and RFC 7519 §5.2 describe it,
 * {@code cty JWT}). With Keycloak's JWE code, as the response decryption: {@code alg} {@value #ALGORITHM} on P-256,
 * {@code enc} one of {@link #CONTENT_ENCRYPTIONS}.
 *
 * @param keyId the wallet key's {@code kid}, copied into the JWE header; null when the key has none
 */
public record RequestObjectEncryption(PublicKey key, String keyId, String contentEncryption) {

    public static final String ALGORITHM = JWEConstants.ECDH_ES;
    public static final List<String> CONTENT_ENCRYPTIONS = List.of(JWEConstants.A256GCM, JWEConstants.A128GCM);
    private static final String NESTED_JWT = "JWT";

    public RequestObjectEncryption {
        if (!CONTENT_ENCRYPTIONS.contains(contentEncryption)) {
            throw new IllegalArgumentException("Request object enc must be one of " + CONTENT_ENCRYPTIONS);
        }
    }

    /** The compact JWE the wallet gets instead of the plain JWS. */
    public String encrypt(String signedRequestObject) {
        JWE jwe = new JWE()
                .header(JWEHeader.builder().algorithm(ALGORITHM).encryptionAlgorithm(contentEncryption)
                        .contentType(NESTED_JWT).keyId(keyId).build())
                .content(signedRequestObject.getBytes(StandardCharsets.US_ASCII));
        jwe.getKeyStorage().setEncryptionKey(key);
        try {
            return jwe.encodeJwe();
        } catch (JWEException e) {
            throw new IllegalStateException("The request object could not be encrypted to the wallet's key", e);
        }
    }
}
