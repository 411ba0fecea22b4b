package hu.ugyfelportal.keycloak.dap.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our verifier metadata as the request object's {@code client_metadata} carries it (OID4VP 1.0 §5.1, §11.1): with the
 * {@code x509_san_dns} and {@code x509_hash} client identifier prefixes the wallet learns everything but our signing
 * key from it (§5.9.3), so it is sent in both response modes.
 * <ul>
 * <li>{@code vp_formats_supported}: {@code dc+sd-jwt} with the algorithms {@link PresentationVerifier} accepts
 * (Appendix B.3.4: {@code sd-jwt_alg_values}, {@code kb-jwt_alg_values});</li>
 * <li>with {@code direct_post.jwt} only: {@code jwks} (the key made for this request, §8.3) and
 * {@code encrypted_response_enc_values_supported} (the {@code enc} values agreed with the wallet).</li>
 * </ul>
 */
public final class VerifierMetadata {

    public static final String SD_JWT_ALGORITHMS = "sd-jwt_alg_values";
    public static final String KEY_BINDING_ALGORITHMS = "kb-jwt_alg_values";

    private VerifierMetadata() {
    }

    /** The formats we accept, in the shape both {@code client_metadata} and {@code wallet_metadata} use (Appendix B.3.4). */
    public static Map<String, Object> vpFormatsSupported() {
        return Map.of(DcqlQuery.SD_JWT_VC_FORMAT, Map.of(
                SD_JWT_ALGORITHMS, PresentationVerifier.ISSUER_SIGNED_JWT_ALGORITHMS,
                KEY_BINDING_ALGORITHMS, PresentationVerifier.KEY_BINDING_JWT_ALGORITHMS));
    }

    /** @param encryptionKey the key the wallet encrypts its answer to; null for a plain {@code direct_post} */
    public static Map<String, Object> clientMetadata(ResponseEncryptionKey encryptionKey) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("vp_formats_supported", vpFormatsSupported());
        if (encryptionKey != null) {
            metadata.put("jwks", Map.of("keys", List.of(encryptionKey.jwk())));
            metadata.put("encrypted_response_enc_values_supported", encryptionKey.contentEncryptions());
        }
        return metadata;
    }
}
