package hu.ugyfelportal.dapsimulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.sdjwt.SdJwtUtils;
import org.keycloak.sdjwt.vp.KeyBindingJWT;
import org.keycloak.sdjwt.vp.SdJwtVP;
import org.keycloak.util.JsonSerialization;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

/**
 * The wallet's holder key of one person and what it does with a credential: keep only the disclosures the
 * verifier asked for, and bind the presentation to the verifier's client_id and nonce (SD-JWT §4.3).
 */
public final class Holder {

    private final KeyPair keys = DevCertificates.newEcKeyPair();

    public KeyPair keys() {
        return keys;
    }

    /** The presentation without key binding: issuer-signed JWT plus the disclosures of the named claims, ending in {@code ~}. */
    public static String disclose(String issuance, List<String> claimNames) {
        SdJwtVP credential = SdJwtVP.of(issuance);
        StringBuilder presentation = new StringBuilder(credential.getIssuerSignedJWT().getJws()).append('~');
        credential.getClaims().forEach((digest, disclosure) -> {
            if (claimNames.contains(disclosure.get(1).asText())) {
                presentation.append(credential.getDisclosures().get(digest)).append('~');
            }
        });
        return presentation.toString();
    }

    /** Appends a key-binding JWT ({@code typ kb+jwt}) with aud, nonce, iat and the {@code sd_hash} of the presentation. */
    public String bind(String unboundPresentation, String audience, String nonce, Instant issuedAt) {
        ObjectNode claims = JsonSerialization.mapper.createObjectNode();
        claims.put("aud", audience);
        claims.put("nonce", nonce);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("sd_hash", SdJwtUtils.hashAndBase64EncodeNoPad(
                unboundPresentation.getBytes(StandardCharsets.US_ASCII), "sha-256"));
        String keyBinding = KeyBindingJWT.builder()
                .withPayload(claims)
                .withSignerContext(Es256.signer(keys))
                .build()
                .getJws();
        return unboundPresentation + keyBinding;
    }
}
