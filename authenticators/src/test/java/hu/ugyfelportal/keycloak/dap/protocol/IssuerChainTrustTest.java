package hu.ugyfelportal.keycloak.dap.protocol;

import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.dapsimulator.Holder;
import hu.ugyfelportal.dapsimulator.PidIssuer;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PID issuers trusted through an {@code x5c} certificate chain to a configured CA, beside pinned certificates. */
class IssuerChainTrustTest {

    private static final String ISSUER_URL = "https://pid.example.hu";
    private static final String CLIENT_ID = "x509_san_dns:portal.example.hu";
    private static final String NONCE = "n-chain";
    private static final List<String> REQUESTED = List.of("family_name", "personal_administrative_number");
    private static final TestIdentity PERSON = TestIdentity.byId("kovacs-janos");

    private static DevCertificates.KeyAndCertificate root;
    private static DevCertificates.KeyAndCertificate issuingCa;

    @BeforeAll
    static void pki() {
        CryptoIntegration.init(IssuerChainTrustTest.class.getClassLoader());
        root = DevCertificates.certificateAuthority("PID root", null);
        issuingCa = DevCertificates.certificateAuthority("PID issuing CA", root);
    }

    @Test
    void acceptsACredentialWhoseX5cChainLeadsToATrustedCa() throws Exception {
        DevCertificates.KeyAndCertificate leaf = leaf(ISSUER_URL, Instant.now().plus(Duration.ofDays(1)));

        Map<String, Object> claims = trustingRoot().verify(
                presentation(new PidIssuer(ISSUER_URL, root, leaf, List.of(leaf.certificate(), issuingCa.certificate()))),
                CLIENT_ID, NONCE);

        assertThat(claims).containsEntry("personal_administrative_number", "DEV-000001");
    }

    @Test
    void acceptsTheSimulatorsOwnHierarchyWhenItsRootIsTrusted() throws Exception {
        PidIssuer simulator = new PidIssuer(ISSUER_URL);
        PresentationVerifier verifier = verifier(List.of(), List.of(simulator.root().certificate()));

        assertThat(verifier.verify(presentation(simulator), CLIENT_ID, NONCE)).containsKey("family_name");
    }

    @Test
    void refusesAChainToAnUntrustedRoot() {
        PidIssuer stranger = new PidIssuer(ISSUER_URL);

        assertRejected(trustingRoot(), stranger, "chain not trusted");
    }

    @Test
    void refusesAnExpiredIssuerCertificate() {
        DevCertificates.KeyAndCertificate leaf = leaf(ISSUER_URL, Instant.now().minus(Duration.ofMinutes(1)));

        assertRejected(trustingRoot(), new PidIssuer(ISSUER_URL, root, leaf,
                List.of(leaf.certificate(), issuingCa.certificate())), "(EXPIRED)");
    }

    @Test
    void refusesALeafThatNamesTheCaButIsNotSignedByIt() {
        // Same subject name as the real issuing CA, other key: only the signature tells them apart.
        DevCertificates.KeyAndCertificate impostor = DevCertificates.certificateAuthority("PID issuing CA", root);
        DevCertificates.KeyAndCertificate forged = DevCertificates.issuedBy(impostor, "PID issuer", ISSUER_URL,
                Instant.now().plus(Duration.ofDays(1)));
        assertThat(forged.certificate().getIssuerX500Principal()).isEqualTo(issuingCa.certificate().getSubjectX500Principal());

        assertRejected(trustingRoot(), new PidIssuer(ISSUER_URL, root, forged,
                List.of(forged.certificate(), issuingCa.certificate())), "chain not trusted");
    }

    @Test
    void refusesACredentialWithoutX5cWhenOnlyCasAreTrusted() {
        DevCertificates.KeyAndCertificate leaf = leaf(ISSUER_URL, Instant.now().plus(Duration.ofDays(1)));

        assertRejected(trustingRoot(), new PidIssuer(ISSUER_URL, root, leaf, List.of()), "no x5c");
    }

    @Test
    void refusesACredentialSignedByAnotherKeyThanItsX5cLeaf() {
        DevCertificates.KeyAndCertificate leaf = leaf(ISSUER_URL, Instant.now().plus(Duration.ofDays(1)));
        DevCertificates.KeyAndCertificate otherLeaf = leaf(ISSUER_URL, Instant.now().plus(Duration.ofDays(1)));

        assertRejected(trustingRoot(), new PidIssuer(ISSUER_URL, root, otherLeaf,
                List.of(leaf.certificate(), issuingCa.certificate())), "Signature could not be verified");
    }

    @Test
    void refusesAnIssWhichTheLeafCertificateDoesNotName() {
        DevCertificates.KeyAndCertificate leaf = leaf("https://other-issuer.example.hu", Instant.now().plus(Duration.ofDays(1)));

        assertRejected(trustingRoot(), new PidIssuer(ISSUER_URL, root, leaf,
                List.of(leaf.certificate(), issuingCa.certificate())), "not named in its issuer certificate");
    }

    @Test
    void aPinnedIssuerCertificateKeepsWorkingBesideTrustedCas() throws Exception {
        PidIssuer pinnedIssuer = new PidIssuer(ISSUER_URL);
        PresentationVerifier verifier = verifier(Pem.certificates(pinnedIssuer.certificatePem()),
                List.of(root.certificate()));

        assertThat(verifier.verify(presentation(pinnedIssuer), CLIENT_ID, NONCE)).containsKey("family_name");
    }

    @Test
    void onlyCaCertificatesCanBeTrustAnchors() {
        DevCertificates.KeyAndCertificate leaf = leaf(ISSUER_URL, Instant.now().plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> new IssuerTrust(List.of(), List.of(leaf.certificate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a CA certificate");
    }

    private static DevCertificates.KeyAndCertificate leaf(String issuerUrl, Instant notAfter) {
        return DevCertificates.issuedBy(issuingCa, "PID issuer", issuerUrl, notAfter);
    }

    private static PresentationVerifier trustingRoot() {
        return verifier(List.of(), List.of(root.certificate()));
    }

    private static PresentationVerifier verifier(List<X509Certificate> pinned, List<X509Certificate> anchors) {
        return new PresentationVerifier(new IssuerTrust(pinned, anchors), PidIssuer.PID_VCT, 300, 10, true);
    }

    private static void assertRejected(PresentationVerifier verifier, PidIssuer issuer, String reason) {
        assertThatThrownBy(() -> verifier.verify(presentation(issuer), CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining(reason);
    }

    private static String presentation(PidIssuer issuer) {
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, NONCE, Instant.now());
        return "{\"pid\":[\"" + presentation + "\"]}";
    }
}
