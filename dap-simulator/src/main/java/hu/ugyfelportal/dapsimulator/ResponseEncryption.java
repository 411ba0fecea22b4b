package hu.ugyfelportal.dapsimulator;

import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * The wallet's side of {@code direct_post.jwt} (OID4VP 1.0 §8.3): picks the verifier's encryption key from the
 * request's {@code client_metadata.jwks} (EC P-256, {@code alg ECDH-ES}, {@code use enc} or unset, with a
 * {@code kid}) and a content encryption from {@code encrypted_response_enc_values_supported} (A128GCM when the
 * verifier names none), then encrypts the response parameters to it with Keycloak's JWE code, the {@code kid} in the
 * JWE header.
 */
public record ResponseEncryption(PublicKey key, String keyId, String contentEncryption) {

    private static final List<String> SUPPORTED_ENCRYPTIONS = List.of(JWEConstants.A128GCM, JWEConstants.A256GCM);

    @SuppressWarnings("unchecked")
    public static ResponseEncryption of(Object clientMetadata) {
        if (!(clientMetadata instanceof Map<?, ?> metadata) || !(metadata.get("jwks") instanceof Map<?, ?> jwks)
                || !(jwks.get("keys") instanceof List<?> keys)) {
            throw new WalletException("direct_post.jwt without client_metadata.jwks to encrypt to");
        }
        List<String> offered = metadata.get("encrypted_response_enc_values_supported") instanceof List<?> values
                ? (List<String>) values : List.of(JWEConstants.A128GCM);
        String contentEncryption = offered.stream().filter(SUPPORTED_ENCRYPTIONS::contains).findFirst()
                .orElseThrow(() -> new WalletException("No content encryption in common with the verifier: " + offered));
        for (Object entry : keys) {
            JWK jwk = JsonSerialization.mapper.convertValue(entry, JWK.class);
            if ("EC".equals(jwk.getKeyType()) && JWEConstants.ECDH_ES.equals(jwk.getAlgorithm())
                    && "P-256".equals(jwk.getOtherClaims().get("crv")) && jwk.getKeyId() != null
                    && (jwk.getPublicKeyUse() == null || "enc".equals(jwk.getPublicKeyUse()))) {
                return new ResponseEncryption(JWKParser.create(jwk).toPublicKey(), jwk.getKeyId(), contentEncryption);
            }
        }
        throw new WalletException("client_metadata.jwks has no EC P-256 ECDH-ES key with a kid");
    }

    /** The compact JWE of the response parameters, as posted in the {@code response} form field. */
    public String encrypt(Map<String, Object> parameters) {
        try {
            JWE jwe = new JWE()
                    .header(JWEHeader.builder().algorithm(JWEConstants.ECDH_ES).encryptionAlgorithm(contentEncryption)
                            .keyId(keyId).build())
                    .content(JsonSerialization.writeValueAsBytes(parameters));
            jwe.getKeyStorage().setEncryptionKey(key);
            return jwe.encodeJwe();
        } catch (IOException | JWEException e) {
            throw new WalletException("Could not encrypt the response: " + e.getMessage());
        }
    }
}
