package hu.ugyfelportal.keycloak.dap.protocol;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/** A certificate's subjectAltNames of one kind (RFC 5280 §4.2.1.6), in the certificate's order. */
final class SubjectAltNames {

    static final int DNS_NAME = 2;
    static final int URI = 6;

    private SubjectAltNames() {
    }

    /** @throws CertificateParsingException when the extension cannot be read */
    static List<String> of(X509Certificate certificate, int type) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(name -> (Integer) name.get(0) == type).map(name -> (String) name.get(1)).toList();
    }
}
