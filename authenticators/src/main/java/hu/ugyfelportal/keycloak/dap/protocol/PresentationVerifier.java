package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.sdjwt.IssuerSignedJwtVerificationOpts;
import org.keycloak.sdjwt.vp.KeyBindingJwtVerificationOpts;
import org.keycloak.sdjwt.vp.SdJwtVP;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a wallet's {@code vp_token} for our request with Keycloak's SD-JWT code: the issuer's signature by a
 * trusted key ({@link IssuerTrust}: pinned certificates, or an {@code x5c} chain to a trusted CA), the credential
 * type ({@code vct}), expiry, every disclosure against its digest, and the key-binding JWT (holder signature with the
 * credential's {@code cnf} key, {@code aud} = our client_id, our nonce, a fresh {@code iat}, {@code sd_hash} over the
 * presentation).
 *
 * <p>
 * The JWS algorithms accepted for the issuer-signed JWT and the key-binding JWT are {@link #ISSUER_SIGNED_JWT_ALGORITHMS}
 * and {@link #KEY_BINDING_JWT_ALGORITHMS}; the request's {@code client_metadata.vp_formats_supported} is built from
 * the same lists ({@link VerifierMetadata}), so what we announce is what we accept.
 *
 * @param issuerTrust      which keys may sign a PID; a credential signed by any other key is refused
 * @param keyBindingMaxAge seconds a key-binding JWT stays acceptable after its {@code iat}
 * @param clockSkew        seconds of clock difference tolerated between wallet, issuer and us
 * @param requireExpiry    whether a PID without {@code exp} is refused (SD-JWT VC makes it optional, HAIP asks issuers
 *                         to bound the validity by {@code exp} or {@code status}); an {@code exp} present is always checked
 */
public record PresentationVerifier(IssuerTrust issuerTrust, String vct, int keyBindingMaxAge, int clockSkew,
                                   boolean requireExpiry) {

    /** ES256 only: what {@link IssuerTrust} verifies with, and HAIP's mandatory algorithm. */
    public static final List<String> ISSUER_SIGNED_JWT_ALGORITHMS = List.of(Algorithm.ES256);
    /** ES256 only, as HAIP requires of every party; a holder key of another kind is refused. */
    public static final List<String> KEY_BINDING_JWT_ALGORITHMS = List.of(Algorithm.ES256);

    /**
     * Claims an issuer must not make selectively disclosable (SD-JWT VC §3.2.2.2): a disclosure named like one is
     * refused at any depth, so that {@code iss} and {@code status} (read for the revocation check) are always what the
     * issuer signed, and a holder cannot drop {@code status} by not disclosing it.
     */
    static final Set<String> NEVER_DISCLOSED = Set.of("iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status");
    private static final String SD = "_sd";
    private static final String ARRAY_ELEMENT = "...";

    /** Keycloak's {@code withExpCheck(isCheckOptional)} takes whether exp may be missing; a present exp is always checked. */
    private static final boolean EXP_REQUIRED = false;
    private static final boolean EXP_MAY_BE_MISSING = true;

    /**
     * @param vpToken  the {@code vp_token} parameter: a JSON object with our DCQL credential id mapped to the presentation
     * @param clientId our client_id, expected as the key-binding JWT's audience
     * @param nonce    the nonce of our request, expected in the key-binding JWT
     * @return the disclosed claims of the credential: the issuer-signed plain claims and, each in the object that
     *         names its digest, the selectively disclosed ones
     */
    public Map<String, Object> verify(String vpToken, String clientId, String nonce) throws PresentationRejectedException {
        SdJwtVP presentation = parse(presentationOf(vpToken));
        if (presentation.getKeyBindingJWT().isEmpty()) {
            throw new PresentationRejectedException("key binding JWT missing");
        }
        requireAlgorithm("issuer-signed JWT", presentation.getIssuerSignedJWT().getJwsHeader().getRawAlgorithm(),
                ISSUER_SIGNED_JWT_ALGORITHMS);
        requireAlgorithm("key binding JWT", presentation.getKeyBindingJWT().get().getJwsHeader().getRawAlgorithm(),
                KEY_BINDING_JWT_ALGORITHMS);
        IssuerSignedJwtVerificationOpts issuerChecks = IssuerSignedJwtVerificationOpts.builder()
                .withClockSkew(clockSkew)
                .withExpCheck(requireExpiry ? EXP_REQUIRED : EXP_MAY_BE_MISSING)
                .withNbfCheck(true)
                // A PID is issued once and presented for months: its iat may be missing and has no age limit (without
                // one Keycloak applies its 5-minute key-binding default); only an iat in the future is refused.
                .withIatCheck(Integer.MAX_VALUE, true)
                .withClaimCheck("vct", vct)
                .build();
        KeyBindingJwtVerificationOpts keyBindingChecks = KeyBindingJwtVerificationOpts.builder()
                .withKeyBindingRequired(true)
                .withClockSkew(clockSkew)
                .withIatCheck(keyBindingMaxAge)
                // A key-binding JWT carries no exp or nbf (SD-JWT §4.3); its freshness is the iat check above.
                .withExpCheck(EXP_MAY_BE_MISSING)
                .withNbfCheck(true)
                .withNonceCheck(nonce)
                .withAudCheck(clientId)
                .build();
        try {
            presentation.verify(issuerTrust.verifiersFor(presentation.getIssuerSignedJWT().getJwsHeader(),
                    // Keycloak's clock, as its SD-JWT checks (exp, nbf, iat) read it.
                    presentation.getIssuerSignedJWT().getPayload().path("iss").asText(null),
                    Instant.ofEpochMilli(Time.currentTimeMillis())),
                    issuerChecks, keyBindingChecks);
        } catch (VerificationException | RuntimeException e) {
            throw new PresentationRejectedException("presentation invalid", e);
        }
        return disclosedClaims(presentation);
    }

    private static void requireAlgorithm(String jwt, String algorithm, List<String> accepted)
            throws PresentationRejectedException {
        if (!accepted.contains(algorithm)) {
            throw new PresentationRejectedException(jwt + " alg " + algorithm + " is not one of " + accepted);
        }
    }

    private static String presentationOf(String vpToken) throws PresentationRejectedException {
        if (vpToken == null || vpToken.isBlank()) {
            throw new PresentationRejectedException("vp_token missing");
        }
        Map<String, Object> byCredential;
        try {
            byCredential = JsonSerialization.readValue(vpToken, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new PresentationRejectedException("vp_token is not a JSON object keyed by credential id");
        }
        Object presentations = byCredential.get(DcqlQuery.CREDENTIAL_ID);
        if (presentations instanceof List<?> list && list.size() == 1 && list.get(0) instanceof String presentation) {
            return presentation;
        }
        throw new PresentationRejectedException("vp_token has no single presentation for credential '"
                + DcqlQuery.CREDENTIAL_ID + "'");
    }

    private static SdJwtVP parse(String presentation) throws PresentationRejectedException {
        try {
            return SdJwtVP.of(presentation);
        } catch (RuntimeException e) {
            throw new PresentationRejectedException("presentation is not an SD-JWT", e);
        }
    }

    /**
     * The issuer-signed payload with each verified disclosure put where its digest is (SD-JWT §7.3), without the
     * SD-JWT plumbing: a disclosure nested in an object stays in that object, so it can never stand in for a
     * top-level claim. Keycloak's verification has already refused a disclosure named like a claim of its own object.
     */
    private static Map<String, Object> disclosedClaims(SdJwtVP presentation) throws PresentationRejectedException {
        Map<String, ArrayNode> byDigest = presentation.getClaims();
        ObjectNode payload = (ObjectNode) disclose(presentation.getIssuerSignedJWT().getPayload(), byDigest);
        payload.remove(List.of("_sd_alg", "cnf"));
        return JsonSerialization.mapper.convertValue(payload, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static JsonNode disclose(JsonNode node, Map<String, ArrayNode> byDigest) throws PresentationRejectedException {
        if (node.isObject()) {
            ObjectNode object = JsonSerialization.mapper.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals(SD)) {
                    object.set(field.getKey(), disclose(field.getValue(), byDigest));
                }
            }
            for (JsonNode digest : node.path(SD)) {
                ArrayNode disclosure = byDigest.get(digest.asText());
                if (disclosure != null && disclosure.size() == 3) {
                    String name = disclosure.get(1).asText();
                    if (NEVER_DISCLOSED.contains(name)) {
                        throw new PresentationRejectedException("the registered claim '" + name
                                + "' is selectively disclosable, which the issuer must not do");
                    }
                    object.set(name, disclose(disclosure.get(2), byDigest));
                }
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = JsonSerialization.mapper.createArrayNode();
            for (JsonNode element : node) {
                JsonNode digest = element.isObject() && element.size() == 1 ? element.get(ARRAY_ELEMENT) : null;
                if (digest == null) {
                    array.add(disclose(element, byDigest));
                } else {
                    ArrayNode disclosure = byDigest.get(digest.asText());
                    if (disclosure != null && disclosure.size() == 2) {
                        array.add(disclose(disclosure.get(1), byDigest));
                    }
                }
            }
            return array;
        }
        return node;
    }
}
