package hu.ugyfelportal.dapsimulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.jose.jwk.JWKBuilder;
import org.keycloak.sdjwt.DisclosureSpec;
import org.keycloak.sdjwt.IssuerSignedJWT;
import org.keycloak.sdjwt.SdJwt;
import org.keycloak.util.JsonSerialization;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Plays the state's PID issuer: signs SD-JWT VC credentials of type {@link #PID_VCT} with every personal claim
 * selectively disclosable and the holder's key in {@code cnf}. Its certificate is what the dev realm trusts.
 */
public final class PidIssuer {

    public static final String PID_VCT = "urn:eudi:pid:1";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    private final String issuerUrl;
    private final DevCertificates.KeyAndCertificate key;

    public PidIssuer(String issuerUrl) {
        this.issuerUrl = issuerUrl;
        this.key = DevCertificates.selfSigned("DÁP simulator PID issuer", null);
    }

    public String certificatePem() {
        return key.certificatePem();
    }

    /** A credential valid from now for {@link #DEFAULT_VALIDITY}. */
    public String issue(TestIdentity identity, PublicKey holderKey) {
        Instant now = Instant.now();
        return issue(identity, holderKey, PID_VCT, now, now.plus(DEFAULT_VALIDITY));
    }

    /** The full issuance (issuer-signed JWT and all disclosures, {@code ~}-separated, without key binding). */
    public String issue(TestIdentity identity, PublicKey holderKey, String vct, Instant issuedAt, Instant expiresAt) {
        ObjectNode claims = JsonSerialization.mapper.createObjectNode();
        claims.put("iss", issuerUrl);
        claims.put("vct", vct);
        DisclosureSpec.Builder disclosures = DisclosureSpec.builder();
        for (Map.Entry<String, String> claim : identity.claims().entrySet()) {
            claims.put(claim.getKey(), claim.getValue());
            disclosures.withUndisclosedClaim(claim.getKey());
        }
        IssuerSignedJWT issuerSigned = IssuerSignedJWT.builder()
                .withClaims(claims, disclosures.build())
                .withIat(issuedAt.getEpochSecond())
                .withExp(expiresAt.getEpochSecond())
                .withKeyBindingKey(JWKBuilder.create().ec(holderKey))
                .withJwsType("dc+sd-jwt")
                .withX5c(key.certificate())
                .build();
        // Signed by the SdJwt builder, after it has added its decoy digests to the payload.
        return SdJwt.builder()
                .withIssuerSignedJwt(issuerSigned)
                .withIssuerSigningContext(Es256.signer(key.keys()))
                .build()
                .toSdJwtString();
    }
}
