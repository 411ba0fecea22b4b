package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureSignerContext;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;

/**
 * Who we are towards the wallet: our request-object signing key, its X.509 chain (leaf first) and the client
 * identifier prefix that names us by the leaf ({@link ClientIdPrefix}, OID4VP 1.0 §5.9.3).
 */
public record VerifierIdentity(PrivateKey signingKey, List<X509Certificate> chain, ClientIdPrefix prefix) {

    private static final int P256_FIELD_SIZE = 256;

    public VerifierIdentity {
        if (!(signingKey instanceof ECPrivateKey ecKey) || ecKey.getParams().getCurve().getField().getFieldSize() != P256_FIELD_SIZE) {
            throw new IllegalArgumentException("The request-object signing key must be an EC P-256 key (ES256)");
        }
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("The request-object signing certificate chain is empty");
        }
        if (!(chain.get(0).getPublicKey() instanceof ECPublicKey leafKey)
                || !leafKey.getParams().getCurve().equals(ecKey.getParams().getCurve())) {
            throw new IllegalArgumentException("The first certificate of the chain does not belong to the signing key");
        }
        chain = List.copyOf(chain);
        if (prefix == ClientIdPrefix.X509_SAN_DNS) {
            dnsName(chain.get(0));
        }
    }

    public static VerifierIdentity fromPem(String privateKeyPem, String certificateChainPem, ClientIdPrefix prefix) {
        return new VerifierIdentity(Pem.ecPrivateKey(privateKeyPem), Pem.certificates(certificateChainPem), prefix);
    }

    public String clientId() {
        return prefix.clientId(chain.get(0));
    }

    /**
     * The request object's {@code x5c}: the chain without a self-signed trust anchor at its end, which HAIP §5 keeps
     * out of {@code x5c} (the wallet has its own copy); a lone self-signed leaf (development) stays.
     */
    public List<X509Certificate> x5c() {
        int end = chain.size();
        while (end > 1 && selfSigned(chain.get(end - 1))) {
            end--;
        }
        return chain.subList(0, end);
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    SignatureSignerContext signer() {
        KeyWrapper key = Es256Keys.wrap(chain.get(0).getPublicKey());
        key.setPrivateKey(signingKey);
        key.setCertificateChain(chain);
        return new ECDSASignatureSignerContext(key);
    }

    /** The leaf's first subjectAltName of type dNSName; wallets compare it with the client identifier. */
    static String dnsName(X509Certificate certificate) {
        List<String> dnsNames;
        try {
            dnsNames = SubjectAltNames.of(certificate, SubjectAltNames.DNS_NAME);
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("Cannot read the certificate's subjectAltName", e);
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.get(0);
        }
        throw new IllegalArgumentException("The signing certificate has no DNS subjectAltName, which x509_san_dns needs");
    }
}
