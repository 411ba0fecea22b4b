package hu.ugyfelportal.dapsimulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.jose.jwk.JWKBuilder;
import org.keycloak.sdjwt.DisclosureSpec;
import org.keycloak.sdjwt.IssuerSignedJWT;
import org.keycloak.sdjwt.SdJwt;
import org.keycloak.util.JsonSerialization;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Plays the state's PID issuer: signs SD-JWT VC credentials of type {@link #PID_VCT} with every personal claim
 * selectively disclosable and the holder's key in {@code cnf}. Like a real issuer it has a small PKI: a root CA (what
 * the dev realm trusts, {@link #rootCertificatePem()}), an issuing CA, and its own signing certificate (named by its
 * {@code iss} URL), sent with the issuing CA in each credential's {@code x5c} header. The signing certificate alone can
 * also be pinned ({@link #certificatePem()}). Its PIDs name their entry in its {@link StatusLists} in {@code status}.
 */
public final class PidIssuer {

    public static final String PID_VCT = "urn:eudi:pid:1";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
    /** Where its status lists are served, below its {@code iss} URL. */
    public static final String STATUS_LISTS_PATH = "/status-lists/";
    /** A wallet presents the PID it was issued at set-up, not a fresh one: the default PID is this old. */
    public static final Duration DEFAULT_AGE = Duration.ofDays(30);
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(30);

    private final String issuerUrl;
    private final DevCertificates.KeyAndCertificate root;
    private final DevCertificates.KeyAndCertificate key;
    private final List<X509Certificate> x5c;
    /** Null for an issuer whose PIDs carry no status. */
    private final StatusLists statusLists;

    /** An issuer with a fresh root CA, issuing CA and signing certificate. */
    public PidIssuer(String issuerUrl) {
        this(issuerUrl, Pki.make(issuerUrl));
    }

    private PidIssuer(String issuerUrl, Pki pki) {
        this(issuerUrl, pki.root(), pki.signer(), List.of(pki.signer().certificate(), pki.issuingCa().certificate()), true);
    }

    /**
     * For tests of the verifier: signs with {@code key} and sends {@code x5c} as the header's chain (an empty list:
     * no {@code x5c} header). Its PIDs carry no {@code status}.
     */
    public PidIssuer(String issuerUrl, DevCertificates.KeyAndCertificate root, DevCertificates.KeyAndCertificate key,
                     List<X509Certificate> x5c) {
        this(issuerUrl, root, key, x5c, false);
    }

    private PidIssuer(String issuerUrl, DevCertificates.KeyAndCertificate root, DevCertificates.KeyAndCertificate key,
                      List<X509Certificate> x5c, boolean withStatusLists) {
        this.issuerUrl = issuerUrl;
        this.root = root;
        this.key = key;
        this.x5c = List.copyOf(x5c);
        this.statusLists = withStatusLists ? new StatusLists(issuerUrl + STATUS_LISTS_PATH, key, x5c) : null;
    }

    /** Root CA → issuing CA → the issuer's signing certificate, named by its {@code iss} URL. */
    private record Pki(DevCertificates.KeyAndCertificate root, DevCertificates.KeyAndCertificate issuingCa,
                       DevCertificates.KeyAndCertificate signer) {

        static Pki make(String issuerUrl) {
            DevCertificates.KeyAndCertificate root = DevCertificates.certificateAuthority("DÁP simulator PID root CA", null);
            DevCertificates.KeyAndCertificate issuingCa = DevCertificates.certificateAuthority("DÁP simulator PID issuing CA", root);
            return new Pki(root, issuingCa, DevCertificates.issuedBy(issuingCa, "DÁP simulator PID issuer", issuerUrl,
                    Instant.now().plus(CERTIFICATE_VALIDITY)));
        }
    }

    /** The issuer's signing certificate, for a realm that pins it. */
    public String certificatePem() {
        return key.certificatePem();
    }

    /** The root CA certificate, for a realm that trusts the issuer's chain. */
    public String rootCertificatePem() {
        return root.certificatePem();
    }

    public DevCertificates.KeyAndCertificate root() {
        return root;
    }

    /** The status lists its PIDs name in their {@code status} claim. */
    public StatusLists statusLists() {
        if (statusLists == null) {
            throw new IllegalStateException("This issuer's PIDs carry no status");
        }
        return statusLists;
    }

    /** A credential issued {@link #DEFAULT_AGE} ago, valid for {@link #DEFAULT_VALIDITY} from then. */
    public String issue(TestIdentity identity, PublicKey holderKey) {
        Instant issued = Instant.now().minus(DEFAULT_AGE);
        return issue(identity, holderKey, PID_VCT, issued, issued.plus(DEFAULT_VALIDITY));
    }

    /**
     * The full issuance (issuer-signed JWT and all disclosures, {@code ~}-separated, without key binding).
     *
     * @param expiresAt the {@code exp}; null for a PID without one (SD-JWT VC makes it optional)
     */
    public String issue(TestIdentity identity, PublicKey holderKey, String vct, Instant issuedAt, Instant expiresAt) {
        ObjectNode claims = JsonSerialization.mapper.createObjectNode();
        claims.put("iss", issuerUrl);
        claims.put("vct", vct);
        DisclosureSpec.Builder disclosures = DisclosureSpec.builder();
        if (statusLists != null) {
            // HAIP: status is never selectively disclosable, so a wallet cannot leave it out.
            claims.set("status", JsonSerialization.mapper.valueToTree(statusLists.reference(identity)));
        }
        for (Map.Entry<String, String> claim : identity.claims().entrySet()) {
            claims.put(claim.getKey(), claim.getValue());
            disclosures.withUndisclosedClaim(claim.getKey());
        }
        IssuerSignedJWT.Builder builder = IssuerSignedJWT.builder()
                .withClaims(claims, disclosures.build())
                .withIat(issuedAt.getEpochSecond());
        if (expiresAt != null) {
            builder.withExp(expiresAt.getEpochSecond());
        }
        IssuerSignedJWT issuerSigned = builder
                .withKeyBindingKey(JWKBuilder.create().ec(holderKey))
                .withJwsType("dc+sd-jwt")
                .withX5c(x5c.isEmpty() ? null : x5c.stream().map(PidIssuer::base64).toList())
                .build();
        // Signed by the SdJwt builder, after it has added its decoy digests to the payload.
        return SdJwt.builder()
                .withIssuerSignedJwt(issuerSigned)
                .withIssuerSigningContext(Es256.signer(key.keys()))
                .build()
                .toSdJwtString();
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
