package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.crypto.ECDSASignatureVerifierContext;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.jose.jws.JWSHeader;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which keys may sign a PID: the issuer certificates configured one by one (pinned), and any certificate that an
 * issuer sends in the credential's {@code x5c} header and that chains (PKIX) to one of the configured CA
 * certificates (trust anchors).
 * <ul>
 * <li>An {@code x5c} whose leaf is a pinned certificate is trusted as pinned, with no chain building.</li>
 * <li>Otherwise, with anchors configured, the {@code x5c} chain must validate to an anchor at the time of the check
 * (signatures, validity periods, CA basic constraints, path length, name constraints), the leaf must allow digital
 * signatures, and the credential's {@code iss} must be named in the leaf (see {@link #requireIssuerNamedByLeaf}).
 * The credential's signature is then checked with the leaf key only.</li>
 * <li>Without {@code x5c}, only pinned certificates can verify the credential.</li>
 * </ul>
 * Revocation is not checked (no CRL or OCSP fetch): DÁP's connection document names no revocation service, and an
 * online fetch during the login would make every login wait for, and fail with, a third party. The remedy for a
 * compromised issuer is to remove its certificate or CA from the configuration; short-lived issuer certificates
 * limit the exposure.
 *
 * @param pinned  issuer signing certificates trusted as they are
 * @param anchors CA certificates that issuer certificates may chain to
 */
public record IssuerTrust(List<X509Certificate> pinned, List<X509Certificate> anchors) {

    private static final int DIGITAL_SIGNATURE = 0;

    public IssuerTrust {
        if (pinned.isEmpty() && anchors.isEmpty()) {
            throw new IllegalArgumentException("No trusted issuer certificate or CA certificate is configured");
        }
        for (X509Certificate certificate : pinned) {
            if (!(certificate.getPublicKey() instanceof ECPublicKey)) {
                throw new IllegalArgumentException("Trusted issuer certificates must hold EC keys (ES256): "
                        + certificate.getSubjectX500Principal());
            }
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("Not a CA certificate (no basicConstraints CA:true): "
                        + anchor.getSubjectX500Principal());
            }
        }
        pinned = List.copyOf(pinned);
        anchors = List.copyOf(anchors);
    }

    /**
     * The keys that may have signed the issuer-signed JWT with this header and {@code iss}.
     *
     * @throws PresentationRejectedException when the header's chain is not trusted, or nothing could verify it
     */
    public List<SignatureVerifierContext> verifiersFor(JWSHeader header, String issuer, Instant now)
            throws PresentationRejectedException {
        List<X509Certificate> chain = chainOf(header);
        if (chain.isEmpty() || pinned.contains(chain.get(0)) || anchors.isEmpty()) {
            if (pinned.isEmpty()) {
                throw new PresentationRejectedException("credential has no x5c certificate chain to check against the trusted CAs");
            }
            return pinned.stream().map(IssuerTrust::verifier).toList();
        }
        X509Certificate leaf = validate(chain, now);
        requireIssuerNamedByLeaf(issuer, leaf);
        return List.of(verifier(leaf));
    }

    private X509Certificate validate(List<X509Certificate> chain, Instant now) throws PresentationRejectedException {
        // HAIP: the anchor itself is not sent; drop it if an issuer sends it anyway, as PKIX wants the path without it.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && anchors.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            Set<TrustAnchor> trustAnchors = anchors.stream().map(anchor -> new TrustAnchor(anchor, null))
                    .collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new PresentationRejectedException("issuer certificate chain not trusted: " + e.getMessage()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        } catch (GeneralSecurityException e) {
            throw new PresentationRejectedException("issuer certificate chain cannot be checked", e);
        }
        X509Certificate leaf = path.get(0);
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            throw new PresentationRejectedException("issuer certificate is not for digital signatures");
        }
        if (!(leaf.getPublicKey() instanceof ECPublicKey)) {
            throw new PresentationRejectedException("issuer certificate holds no EC key (ES256)");
        }
        return leaf;
    }

    /**
     * SD-JWT VC (draft 10, §3.5) and HAIP: with {@code x5c}, the {@code iss} must be a URI subjectAltName of the
     * leaf, or its host a DNS subjectAltName. So a CA-certified issuer cannot speak under another issuer's name;
     * pinned certificates are trusted as they are and skip this.
     */
    private static void requireIssuerNamedByLeaf(String issuer, X509Certificate leaf) throws PresentationRejectedException {
        if (issuer == null) {
            throw new PresentationRejectedException("credential has no iss to match its certificate");
        }
        String host = hostOf(issuer);
        try {
            if (SubjectAltNames.of(leaf, SubjectAltNames.URI).contains(issuer) || host != null
                    && SubjectAltNames.of(leaf, SubjectAltNames.DNS_NAME).stream().anyMatch(host::equalsIgnoreCase)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new PresentationRejectedException("issuer certificate's subjectAltName unreadable", e);
        }
        throw new PresentationRejectedException("credential iss " + issuer + " is not named in its issuer certificate");
    }

    private static String hostOf(String issuer) {
        try {
            return URI.create(issuer).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<X509Certificate> chainOf(JWSHeader header) throws PresentationRejectedException {
        List<String> x5c = header.getX5c();
        List<X509Certificate> chain = new ArrayList<>();
        if (x5c == null) {
            return chain;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String der : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(der))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PresentationRejectedException("credential x5c is not a list of X.509 certificates");
        }
        return chain;
    }

    private static SignatureVerifierContext verifier(X509Certificate certificate) {
        KeyWrapper key = Es256Keys.wrap(certificate.getPublicKey());
        key.setCertificate(certificate);
        return new ECDSASignatureVerifierContext(key);
    }
}
