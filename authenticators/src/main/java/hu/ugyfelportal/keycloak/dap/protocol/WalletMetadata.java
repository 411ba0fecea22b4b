package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.util.JsonSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a wallet tells us about itself in its request_uri POST (OID4VP 1.0 §5.10, wallet metadata §10.1, RFC 8414),
 * as far as it shapes our request. Every member is optional: an absent one means "not said", not "nothing supported";
 * unknown members are ignored (§10.1). A member of the wrong JSON type makes the whole metadata malformed.
 *
 * @param issuer                          the wallet's {@code issuer}; when given it is the request object's {@code aud}
 * @param vpFormats                       {@code vp_formats_supported}: format identifier to its parameters
 * @param requestObjectSigningAlgorithms  {@code request_object_signing_alg_values_supported}
 * @param clientIdPrefixes                {@code client_id_prefixes_supported}
 * @param responseModes                   {@code response_modes_supported}
 * @param responseEncryptionAlgorithms    {@code authorization_encryption_alg_values_supported} (response encryption)
 * @param responseContentEncryptions      {@code authorization_encryption_enc_values_supported} (response encryption)
 * @param encryptionKeys                  {@code jwks}: keys to encrypt the request object to (§5.10); empty when none
 * @param requestObjectEncryptionAlgorithms {@code request_object_encryption_alg_values_supported} (RFC 9101, RFC 8414)
 * @param requestObjectContentEncryptions   {@code request_object_encryption_enc_values_supported}
 */
public record WalletMetadata(String issuer, Map<String, JsonNode> vpFormats, List<String> requestObjectSigningAlgorithms,
                             List<String> clientIdPrefixes, List<String> responseModes,
                             List<String> responseEncryptionAlgorithms, List<String> responseContentEncryptions,
                             List<JWK> encryptionKeys, List<String> requestObjectEncryptionAlgorithms,
                             List<String> requestObjectContentEncryptions) {

    /** What a wallet that sent no metadata (a GET, or a POST without it) has told us. */
    public static final WalletMetadata NONE = new WalletMetadata(null, null, null, null, null, null, null, List.of(), null, null);

    /** A bound on what we parse; real wallet metadata is a few hundred bytes. */
    static final int MAX_LENGTH = 20_000;

    /** @param json the {@code wallet_metadata} form parameter; null or blank when the wallet sent none */
    public static WalletMetadata parse(String json) throws WalletMetadataException {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        if (json.length() > MAX_LENGTH) {
            throw WalletMetadataException.malformed("is longer than " + MAX_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JsonSerialization.mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw WalletMetadataException.malformed("is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw WalletMetadataException.malformed("is not a JSON object");
        }
        return new WalletMetadata(text(root, "issuer"), formats(root), strings(root, "request_object_signing_alg_values_supported"),
                strings(root, "client_id_prefixes_supported"), strings(root, "response_modes_supported"),
                strings(root, "authorization_encryption_alg_values_supported"),
                strings(root, "authorization_encryption_enc_values_supported"), keys(root),
                strings(root, "request_object_encryption_alg_values_supported"),
                strings(root, "request_object_encryption_enc_values_supported"));
    }

    private static String text(JsonNode root, String name) throws WalletMetadataException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw WalletMetadataException.malformed(name + " is not a string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode root, String name) throws WalletMetadataException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw WalletMetadataException.malformed(name + " is not an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw WalletMetadataException.malformed(name + " is not an array of strings");
            }
            strings.add(element.asText());
        }
        return List.copyOf(strings);
    }

    private static Map<String, JsonNode> formats(JsonNode root) throws WalletMetadataException {
        JsonNode value = root.get("vp_formats_supported");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw WalletMetadataException.malformed("vp_formats_supported is not a JSON object");
        }
        Map<String, JsonNode> formats = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> format : value.properties()) {
            if (!format.getValue().isObject()) {
                throw WalletMetadataException.malformed("vp_formats_supported." + format.getKey() + " is not a JSON object");
            }
            formats.put(format.getKey(), format.getValue());
        }
        return Map.copyOf(formats);
    }

    private static List<JWK> keys(JsonNode root) throws WalletMetadataException {
        JsonNode jwks = root.get("jwks");
        if (jwks == null || jwks.isNull()) {
            return List.of();
        }
        JsonNode keys = jwks.get("keys");
        if (!jwks.isObject() || keys == null || !keys.isArray()) {
            throw WalletMetadataException.malformed("jwks is not a JWK set");
        }
        List<JWK> parsed = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isObject() || !key.path("kty").isTextual()) {
                throw WalletMetadataException.malformed("jwks holds a key without kty");
            }
            try {
                parsed.add(JsonSerialization.mapper.treeToValue(key, JWK.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw WalletMetadataException.malformed("jwks holds an unreadable key");
            }
        }
        return List.copyOf(parsed);
    }

    /** The parameters the wallet gives for one credential format, or null when it names the format not at all. */
    JsonNode format(String identifier) {
        return vpFormats == null ? null : vpFormats.get(identifier);
    }
}
