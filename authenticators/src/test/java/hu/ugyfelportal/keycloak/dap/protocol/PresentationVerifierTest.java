package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hu.ugyfelportal.dapsimulator.DevCertificates;
import hu.ugyfelportal.dapsimulator.Holder;
import hu.ugyfelportal.dapsimulator.PidIssuer;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jwk.JWKBuilder;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.sdjwt.SdJwtUtils;
import org.keycloak.sdjwt.vp.KeyBindingJWT;
import org.keycloak.sdjwt.vp.SdJwtVP;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresentationVerifierTest {

    private static final String CLIENT_ID = "x509_san_dns:portal.example.hu";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final List<String> REQUESTED = List.of("family_name", "given_name", "personal_administrative_number");
    private static final TestIdentity PERSON = TestIdentity.byId("kovacs-janos");

    private static PidIssuer issuer;
    private static PresentationVerifier verifier;

    @BeforeAll
    static void trustTheIssuer() {
        CryptoIntegration.init(PresentationVerifierTest.class.getClassLoader());
        issuer = new PidIssuer("https://pid.example.hu");
        verifier = new PresentationVerifier(new IssuerTrust(Pem.certificates(issuer.certificatePem()), List.of()),
                PidIssuer.PID_VCT, 300, 10, true);
    }

    @Test
    void acceptsAKeyBoundPresentationAndReturnsOnlyTheDisclosedClaims() throws Exception {
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, NONCE, Instant.now());

        Map<String, Object> claims = verifier.verify(vpToken(presentation), CLIENT_ID, NONCE);

        assertThat(claims).containsEntry("family_name", "Kovács").containsEntry("given_name", "János")
                .containsEntry("personal_administrative_number", "DEV-000001")
                .containsEntry("vct", PidIssuer.PID_VCT)
                .doesNotContainKeys("birthdate", "_sd", "cnf");
    }

    @Test
    void acceptsAPidIssuedLongAgoThatHasNotExpired() throws Exception {
        Holder holder = new Holder();
        Instant issued = Instant.now().minus(Duration.ofDays(200));
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), PidIssuer.PID_VCT, issued,
                issued.plus(Duration.ofDays(365)));
        String presentation = holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());

        assertThat(verifier.verify(vpToken(presentation), CLIENT_ID, NONCE)).containsEntry("family_name", "Kovács");
    }

    @Test
    void refusesAPidIssuedInTheFuture() {
        Holder holder = new Holder();
        Instant issued = Instant.now().plus(Duration.ofHours(1));
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), PidIssuer.PID_VCT, issued,
                issued.plus(Duration.ofDays(365)));
        String presentation = holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "issued in the future");
    }

    @Test
    void refusesACredentialOfAnUntrustedIssuer() {
        PidIssuer stranger = new PidIssuer("https://pid.example.hu");
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(stranger.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "Signature could not be verified");
    }

    @Test
    void refusesAnAlteredDisclosureEvenWhenTheHolderSignsOverIt() {
        Holder holder = new Holder();
        String unbound = Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED);
        String original = disclosureOf(unbound, "family_name");
        String forged = encodeDisclosure(decode(original).replace("Kovács", "Nagy"));
        String presentation = holder.bind(unbound.replace(original, forged), CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "not protected by digest");
        assertThat(decode(forged)).contains("Nagy");
    }

    @Test
    void refusesAPresentationForAnotherNonce() {
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, "someone-elses-nonce", Instant.now());

        assertRejected(presentation, "nonce");
    }

    @Test
    void refusesAPresentationForAnotherVerifier() {
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                "x509_san_dns:other.example.hu", NONCE, Instant.now());

        assertRejected(presentation, "audience");
    }

    @Test
    void refusesAStaleKeyBinding() {
        Holder holder = new Holder();
        String presentation = holder.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, NONCE, Instant.now().minus(Duration.ofMinutes(10)));

        assertRejected(presentation, "expired by iat");
    }

    @Test
    void refusesAnExpiredCredential() {
        Holder holder = new Holder();
        Instant issued = Instant.now().minus(Duration.ofDays(400));
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), PidIssuer.PID_VCT, issued,
                issued.plus(Duration.ofDays(365)));
        String presentation = holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "expired by exp");
    }

    @Test
    void refusesAPidWithoutExpiryByDefault() {
        assertRejected(presentationOfPidWithoutExpiry(), "exp");
    }

    @Test
    void acceptsAPidWithoutExpiryWhenThePolicyAllowsIt() throws Exception {
        PresentationVerifier lenient = new PresentationVerifier(verifier.issuerTrust(), PidIssuer.PID_VCT, 300, 10, false);

        assertThat(lenient.verify(vpToken(presentationOfPidWithoutExpiry()), CLIENT_ID, NONCE))
                .containsEntry("family_name", "Kovács").doesNotContainKey("exp");
    }

    @Test
    void anExpiredPidIsRefusedEvenWhenAPidWithoutExpiryWouldBeAccepted() {
        PresentationVerifier lenient = new PresentationVerifier(verifier.issuerTrust(), PidIssuer.PID_VCT, 300, 10, false);
        Holder holder = new Holder();
        Instant issued = Instant.now().minus(Duration.ofDays(400));
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), PidIssuer.PID_VCT, issued,
                issued.plus(Duration.ofDays(365)));
        String presentation = holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());

        assertThatThrownBy(() -> lenient.verify(vpToken(presentation), CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining("expired by exp");
    }

    @Test
    void refusesAKeyBindingSignedWithAnAlgorithmNotAnnounced() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair holderKeys = generator.generateKeyPair();
        String unbound = Holder.disclose(issuer.issue(PERSON, holderKeys.getPublic()), REQUESTED);
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES384);
        key.setType(KeyType.EC);
        key.setPublicKey(holderKeys.getPublic());
        key.setPrivateKey(holderKeys.getPrivate());
        ObjectNode claims = JsonSerialization.mapper.createObjectNode();
        claims.put("aud", CLIENT_ID);
        claims.put("nonce", NONCE);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("sd_hash", SdJwtUtils.hashAndBase64EncodeNoPad(unbound.getBytes(StandardCharsets.US_ASCII), "sha-256"));
        String keyBinding = KeyBindingJWT.builder().withPayload(claims)
                .withSignerContext(new ECDSASignatureSignerContext(key)).build().getJws();

        assertThat(PresentationVerifier.KEY_BINDING_JWT_ALGORITHMS).doesNotContain("ES384");
        assertRejected(unbound + keyBinding, "key binding JWT alg ES384 is not one of [ES256]");
    }

    @Test
    void refusesAPresentationWithoutKeyBinding() {
        Holder holder = new Holder();
        String unbound = Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED);

        assertRejected(unbound, "key binding JWT missing");
    }

    @Test
    void refusesAKeyBindingSignedByAnotherKeyThanTheCredentials() {
        Holder holder = new Holder();
        Holder thief = new Holder();
        String presentation = thief.bind(Holder.disclose(issuer.issue(PERSON, holder.keys().getPublic()), REQUESTED),
                CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "Key binding JWT invalid");
    }

    @Test
    void refusesAnotherCredentialType() {
        Holder holder = new Holder();
        Instant now = Instant.now();
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), "urn:example:diploma:1", now,
                now.plus(Duration.ofDays(1)));
        String presentation = holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());

        assertRejected(presentation, "vct");
    }

    @Test
    void refusesAPidWhoseStatusIsSelectivelyDisclosableSoThatTheHolderCannotDropIt() {
        String status = disclosure("status", Map.of("status_list", Map.of("idx", 7, "uri", "https://pid.example.hu/sl/1")));
        ObjectNode payload = craftedPayload();
        payload.putArray("_sd").add(digest(status));

        assertCraftedRejected(payload, List.of(status), "registered claim 'status' is selectively disclosable");
    }

    @Test
    void refusesANestedDisclosureNamedLikeARegisteredClaim() {
        String iss = disclosure("iss", "https://other-issuer.example");
        ObjectNode payload = craftedPayload();
        payload.putObject("address").putArray("_sd").add(digest(iss));

        assertCraftedRejected(payload, List.of(iss), "registered claim 'iss'");
    }

    @Test
    void aNestedDisclosureStaysInItsObjectAndNeverReplacesATopLevelClaim() throws Exception {
        String topLevel = disclosure("family_name", "Kovács");
        String nested = disclosure("family_name", "Nagy");
        ObjectNode payload = craftedPayload();
        payload.putArray("_sd").add(digest(topLevel));
        payload.putObject("address").put("country", "HU").putArray("_sd").add(digest(nested));

        for (List<String> order : List.of(List.of(topLevel, nested), List.of(nested, topLevel))) {
            Map<String, Object> claims = CRAFTED_VERIFIER.verify(vpToken(craftedPresentation(payload, order)), CLIENT_ID, NONCE);

            assertThat(claims).as("disclosed in the order %s", order).containsEntry("family_name", "Kovács")
                    .containsEntry("address", Map.of("country", "HU", "family_name", "Nagy"))
                    .containsEntry("iss", CRAFTED_ISSUER).doesNotContainKeys("_sd", "_sd_alg", "cnf");
        }
    }

    @Test
    void refusesAVpTokenThatIsNotKeyedByOurCredentialQuery() {
        assertThatThrownBy(() -> verifier.verify("{\"other\":[\"x\"]}", CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining("no single presentation");
        assertThatThrownBy(() -> verifier.verify("not json", CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void needsAtLeastOneTrustedIssuer() {
        assertThatThrownBy(() -> new IssuerTrust(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(DevCertificates.selfSigned("x", null).certificate()).isNotNull();
    }

    private static String presentationOfPidWithoutExpiry() {
        Holder holder = new Holder();
        String issuance = issuer.issue(PERSON, holder.keys().getPublic(), PidIssuer.PID_VCT, Instant.now(), null);
        return holder.bind(Holder.disclose(issuance, REQUESTED), CLIENT_ID, NONCE, Instant.now());
    }

    private static void assertRejected(String presentation, String reason) {
        assertThatThrownBy(() -> verifier.verify(vpToken(presentation), CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class)
                .hasMessageContaining(reason);
    }

    /** An issuer whose SD-JWTs these tests write by hand, to disclose what {@link PidIssuer} never would. */
    private static final DevCertificates.KeyAndCertificate CRAFTING_ISSUER = DevCertificates.selfSigned("crafted", null);
    private static final String CRAFTED_ISSUER = "https://crafted.example.hu";
    private static final Holder CRAFTED_HOLDER = new Holder();
    private static final PresentationVerifier CRAFTED_VERIFIER = new PresentationVerifier(
            new IssuerTrust(List.of(CRAFTING_ISSUER.certificate()), List.of()), PidIssuer.PID_VCT, 300, 10, true);

    private static ObjectNode craftedPayload() {
        ObjectNode payload = JsonSerialization.mapper.createObjectNode();
        payload.put("iss", CRAFTED_ISSUER).put("vct", PidIssuer.PID_VCT).put("_sd_alg", "sha-256")
                .put("iat", Instant.now().getEpochSecond())
                .put("exp", Instant.now().plus(Duration.ofDays(1)).getEpochSecond());
        payload.putObject("cnf").set("jwk", JsonSerialization.mapper.valueToTree(
                JWKBuilder.create().ec(CRAFTED_HOLDER.keys().getPublic())));
        return payload;
    }

    /** The issuer-signed JWT over {@code payload}, these disclosures in this order, bound by the holder for our nonce. */
    private static String craftedPresentation(ObjectNode payload, List<String> disclosures) {
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES256);
        key.setType(KeyType.EC);
        key.setPrivateKey(CRAFTING_ISSUER.keys().getPrivate());
        key.setPublicKey(CRAFTING_ISSUER.keys().getPublic());
        String signed = new JWSBuilder().type("dc+sd-jwt").jsonContent(payload).sign(new ECDSASignatureSignerContext(key));
        return CRAFTED_HOLDER.bind(signed + "~" + String.join("~", disclosures) + "~", CLIENT_ID, NONCE, Instant.now());
    }

    private static void assertCraftedRejected(ObjectNode payload, List<String> disclosures, String reason) {
        assertThatThrownBy(() -> CRAFTED_VERIFIER.verify(vpToken(craftedPresentation(payload, disclosures)), CLIENT_ID, NONCE))
                .isInstanceOf(PresentationRejectedException.class).hasMessageContaining(reason);
    }

    private static String disclosure(String name, Object value) {
        try {
            return encodeDisclosure(JsonSerialization.writeValueAsString(List.of(UUID.randomUUID().toString(), name, value)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String disclosure) {
        return SdJwtUtils.hashAndBase64EncodeNoPad(disclosure.getBytes(StandardCharsets.US_ASCII), "sha-256");
    }

    private static String vpToken(String presentation) {
        return "{\"pid\":[\"" + presentation + "\"]}";
    }

    private static String disclosureOf(String presentation, String claim) {
        SdJwtVP parsed = SdJwtVP.of(presentation);
        return parsed.getClaims().entrySet().stream()
                .filter(entry -> entry.getValue().get(1).asText().equals(claim))
                .map(entry -> parsed.getDisclosures().get(entry.getKey()))
                .findFirst().orElseThrow();
    }

    private static String decode(String disclosure) {
        return new String(Base64.getUrlDecoder().decode(disclosure), StandardCharsets.UTF_8);
    }

    private static String encodeDisclosure(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
