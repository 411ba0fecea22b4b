package hu.ugyfelportal.dapsimulator;

import org.keycloak.jose.jwk.JWK;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the simulated wallet fetches the request object from the request_uri (OID4VP 1.0 §5.10), so that tests can play
 * each kind of wallet: one without {@code request_uri_method=post} (GET), and POSTs with no, typical, non-overlapping,
 * malformed {@code wallet_metadata}, or metadata asking for an encrypted request object. The API names it in the
 * {@code fetch} form field; {@link #POST} is the default.
 */
public enum RequestFetch {

    /** A wallet that only knows RFC 9101's GET: no wallet_nonce, no metadata. */
    GET("get"),
    /** A POST with {@code wallet_nonce} only. */
    POST_WITHOUT_METADATA("post-no-metadata"),
    /** A POST with the metadata a typical conformant wallet sends; it answers encrypted with A256GCM only. */
    POST("post"),
    /** A wallet that supports SD-JWT VC only with algorithms the verifier does not accept. */
    POST_NO_OVERLAP("post-no-overlap"),
    /** A wallet that verifies request objects signed with RS256 only. */
    POST_NO_ES256("post-no-es256"),
    /** A POST whose wallet_metadata is JSON of the wrong shape. */
    POST_MALFORMED_METADATA("post-malformed-metadata"),
    /** A wallet that asks for the request object encrypted to an ephemeral key of its own. */
    POST_ENCRYPTED_REQUEST("post-encrypted-request");

    private final String parameter;

    RequestFetch(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** @param parameter the API's {@code fetch} field; null or blank for {@link #POST} */
    public static RequestFetch of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return POST;
        }
        return Arrays.stream(values()).filter(fetch -> fetch.parameter.equals(parameter.trim())).findFirst()
                .orElseThrow(() -> new WalletException("fetch must be one of " + Arrays.stream(values())
                        .map(RequestFetch::parameter).collect(Collectors.joining(", "))));
    }

    boolean posts() {
        return this != GET;
    }

    boolean encryptedRequest() {
        return this == POST_ENCRYPTED_REQUEST;
    }

    /** The {@code wallet_metadata} form field, or null for none. */
    String walletMetadata(JWK requestEncryptionKey) {
        return switch (this) {
            case GET, POST_WITHOUT_METADATA -> null;
            case POST -> Wallet.json(typical());
            case POST_NO_OVERLAP -> Wallet.json(Map.of("vp_formats_supported", Map.of(
                    "dc+sd-jwt", Map.of("sd-jwt_alg_values", List.of("EdDSA"), "kb-jwt_alg_values", List.of("EdDSA")),
                    "mso_mdoc", Map.of())));
            case POST_NO_ES256 -> {
                Map<String, Object> metadata = typical();
                metadata.put("request_object_signing_alg_values_supported", List.of("RS256"));
                yield Wallet.json(metadata);
            }
            case POST_MALFORMED_METADATA -> "{\"vp_formats_supported\": [\"dc+sd-jwt\"]}";
            case POST_ENCRYPTED_REQUEST -> {
                Map<String, Object> metadata = typical();
                metadata.put("jwks", Map.of("keys", List.of(requestEncryptionKey)));
                metadata.put("request_object_encryption_alg_values_supported", List.of("ECDH-ES"));
                metadata.put("request_object_encryption_enc_values_supported", List.of("A128GCM", "A256GCM"));
                yield Wallet.json(metadata);
            }
        };
    }

    private static Map<String, Object> typical() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("vp_formats_supported", Map.of("dc+sd-jwt", Map.of(
                "sd-jwt_alg_values", List.of("ES256"), "kb-jwt_alg_values", List.of("ES256"))));
        metadata.put("request_object_signing_alg_values_supported", List.of("ES256"));
        metadata.put("client_id_prefixes_supported", List.of("x509_san_dns", "x509_hash"));
        metadata.put("response_types_supported", List.of("vp_token"));
        metadata.put("response_modes_supported", List.of("direct_post", "direct_post.jwt"));
        metadata.put("authorization_encryption_alg_values_supported", List.of("ECDH-ES"));
        metadata.put("authorization_encryption_enc_values_supported", List.of("A256GCM"));
        return metadata;
    }
}
