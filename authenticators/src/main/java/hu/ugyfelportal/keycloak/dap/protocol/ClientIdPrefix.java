package hu.ugyfelportal.keycloak.dap.protocol;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * How the wallet authenticates us from the request object's {@code x5c} leaf (OID4VP 1.0 §5.9.3): the client_id is the
 * prefix, a colon and the leaf's first DNS subjectAltName ({@link #X509_SAN_DNS}, the DÁP assumption; the
 * {@code response_uri} host must then be that name) or the base64url SHA-256 of the leaf's DER encoding
 * ({@link #X509_HASH}, which HAIP §5 requires for signed requests).
 */
public enum ClientIdPrefix {

    X509_SAN_DNS("x509_san_dns"),
    X509_HASH("x509_hash");

    private final String value;

    ClientIdPrefix(String value) {
        this.value = value;
    }

    /** The prefix without its colon, as {@code client_id_prefixes_supported} lists it (§10.1). */
    public String value() {
        return value;
    }

    public String clientId(X509Certificate leaf) {
        return value + ":" + (this == X509_SAN_DNS ? VerifierIdentity.dnsName(leaf) : hash(leaf));
    }

    private static String hash(X509Certificate leaf) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot hash the signing certificate", e);
        }
    }
}
