package hu.ugyfelportal.dapsimulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * DEVELOPMENT AND TEST KEYS ONLY: fresh EC P-256 keys with self-signed certificates or small CA hierarchies, made
 * at every start and never written to the repository. Real DÁP trust comes from the state's issuer certificates.
 */
public final class DevCertificates {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private DevCertificates() {
    }

    public record KeyAndCertificate(KeyPair keys, X509Certificate certificate) {

        public String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param dnsName the subjectAltName dNSName, or null for none */
    public static KeyAndCertificate selfSigned(String commonName, String dnsName) {
        return certificate(commonName, null, dnsName == null ? null : new GeneralName(GeneralName.dNSName, dnsName),
                false, Instant.now().plus(VALIDITY));
    }

    /** A CA certificate: self-signed (a root) when {@code issuer} is null, else issued by that CA (an intermediate). */
    public static KeyAndCertificate certificateAuthority(String commonName, KeyAndCertificate issuer) {
        return certificate(commonName, issuer, null, true, Instant.now().plus(VALIDITY));
    }

    /**
     * An end-entity signing certificate issued by {@code ca}, with {@code uri} as its URI subjectAltName (an SD-JWT VC
     * issuer's {@code iss}), valid until {@code notAfter}.
     */
    public static KeyAndCertificate issuedBy(KeyAndCertificate ca, String commonName, String uri, Instant notAfter) {
        return certificate(commonName, ca, new GeneralName(GeneralName.uniformResourceIdentifier, uri), false, notAfter);
    }

    private static KeyAndCertificate certificate(String commonName, KeyAndCertificate issuer, GeneralName alternativeName,
                                                 boolean ca, Instant notAfter) {
        KeyPair keys = newEcKeyPair();
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + commonName + ", O=Ügyfélportál DEV ONLY");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(notAfter), subject, keys.getPublic());
            if (alternativeName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeName));
            }
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else if (issuer != null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
            return new KeyAndCertificate(keys, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("Could not make a development certificate", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
