package hu.ugyfelportal.keycloak.dap.protocol;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM as it arrives from the admin console or an environment variable: line breaks may be lost
 * (a one-line {@code -----BEGIN CERTIFICATE-----MIIB...-----END CERTIFICATE-----} is fine), and several
 * blocks may follow each other.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {
    }

    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty() && pem != null && !pem.isBlank()) {
            // Certificates are public: showing how the text starts helps to spot a wrongly pasted value.
            throw new IllegalArgumentException("No -----BEGIN CERTIFICATE----- block in the " + pem.length()
                    + " characters starting with '" + pem.substring(0, Math.min(20, pem.length())) + "'");
        }
        return certificates;
    }

    /** An EC private key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey ecPrivateKey(String pem) {
        List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("Expected one PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a valid PKCS#8 EC private key: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> blocks = new ArrayList<>();
        if (pem == null) {
            return blocks;
        }
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (!matcher.group(1).equals(type)) {
                throw new IllegalArgumentException("Expected PEM blocks of type " + type + ", found " + matcher.group(1));
            }
            try {
                blocks.add(Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("A PEM " + type + " block is not valid Base64", e);
            }
        }
        return blocks;
    }
}
