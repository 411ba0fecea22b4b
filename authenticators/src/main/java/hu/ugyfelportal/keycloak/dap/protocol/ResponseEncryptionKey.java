package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.crypto.KeyUse;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKBuilder;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The key a wallet encrypts its {@code direct_post.jwt} answer to (OID4VP 1.0 §8.3): EC P-256, JWE {@code alg}
 * {@value #ALGORITHM} (as HAIP requires), content encryption one of {@link #CONTENT_ENCRYPTIONS} (those both sides
 * support, see {@link WalletAgreement}).
 * <p>
 * One key pair per transaction, made when the wallet fetches the request, rather than a realm key: a key that
 * decrypts one answer and is then deleted gives forward secrecy (a key leaked later opens no recorded answer), an
 * invalid-curve or other oracle attack gets a single try, the operator has no key to configure, rotate or protect,
 * and the JWE's {@code kid} names the transaction, so the answer is found before it is decrypted. Making a P-256
 * pair costs well under a millisecond. The private key lives only in that transaction's
 * {@code SingleUseObjectProvider} entry (see {@link #privateKeyBase64()}), never in a log.
 *
 * @param keyId              the JWK's {@code kid}, which the wallet must copy into the JWE header
 * @param contentEncryptions the {@code enc} values offered to the wallet for this key; no other is accepted
 */
public record ResponseEncryptionKey(String keyId, ECPublicKey publicKey, ECPrivateKey privateKey,
                                    List<String> contentEncryptions) {

    public static final String ALGORITHM = JWEConstants.ECDH_ES;
    /** AES-GCM as HAIP asks for; the first is also OID4VP's default when a verifier names none. */
    public static final List<String> CONTENT_ENCRYPTIONS = List.of(JWEConstants.A128GCM, JWEConstants.A256GCM);
    private static final String CURVE = "P-256";

    public ResponseEncryptionKey {
        if (contentEncryptions.isEmpty() || !CONTENT_ENCRYPTIONS.containsAll(contentEncryptions)) {
            throw new IllegalArgumentException("Content encryptions must be some of " + CONTENT_ENCRYPTIONS);
        }
        contentEncryptions = List.copyOf(contentEncryptions);
    }

    public static ResponseEncryptionKey generate(String keyId, List<String> contentEncryptions) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return new ResponseEncryptionKey(keyId, (ECPublicKey) keys.getPublic(), (ECPrivateKey) keys.getPrivate(),
                    contentEncryptions);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No EC P-256 key generator", e);
        }
    }

    /** The key as stored with its transaction: {@link #publicKeyBase64()}, {@link #privateKeyBase64()}, the offered {@code enc}. */
    public static ResponseEncryptionKey restore(String keyId, String publicKeyBase64, String privateKeyBase64,
                                                List<String> contentEncryptions) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new ResponseEncryptionKey(keyId,
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64))),
                    (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyBase64))),
                    contentEncryptions);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored response encryption key cannot be read", e);
        }
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** The public key as the request object's JWK: {@code use enc}, {@code alg ECDH-ES}, our {@code kid}. */
    public JWK jwk() {
        return JWKBuilder.create().kid(keyId).algorithm(ALGORITHM).ec(publicKey, KeyUse.ENC);
    }

    /** The {@code kid} of a wallet's JWE, read from its (integrity-protected) header before decrypting. */
    public static String keyIdOf(String compactJwe) throws PresentationRejectedException {
        return header(parse(compactJwe)).getKeyId();
    }

    /**
     * Decrypts the wallet's {@code response} with Keycloak's JWE code after checking that it uses what we offered:
     * {@code alg}, one of our {@code enc} values, our {@code kid}, an ephemeral key on P-256, no compression.
     *
     * @return the authorization response parameters in the JWE payload ({@code state}, {@code vp_token}, ...)
     */
    public Map<String, Object> decrypt(String compactJwe) throws PresentationRejectedException {
        JWE jwe = parse(compactJwe);
        JWEHeader header = header(jwe);
        if (!ALGORITHM.equals(header.getAlgorithm())) {
            throw new PresentationRejectedException("response JWE alg " + header.getAlgorithm() + " was not offered");
        }
        if (!contentEncryptions.contains(header.getEncryptionAlgorithm())) {
            throw new PresentationRejectedException("response JWE enc " + header.getEncryptionAlgorithm() + " was not offered");
        }
        if (!keyId.equals(header.getKeyId())) {
            throw new PresentationRejectedException("response JWE kid is not the key offered for this request");
        }
        if (header.getCompressionAlgorithm() != null) {
            throw new PresentationRejectedException("response JWE is compressed");
        }
        if (header.getEphemeralPublicKey() == null || !CURVE.equals(header.getEphemeralPublicKey().getCrv())) {
            throw new PresentationRejectedException("response JWE has no ephemeral P-256 key (epk)");
        }
        try {
            jwe.getKeyStorage().setDecryptionKey(privateKey);
            jwe.verifyAndDecodeJwe();
            return JsonSerialization.readValue(jwe.getContent(), new TypeReference<>() {
            });
        } catch (JWEException | RuntimeException e) {
            // Keycloak's messages name no key material; the cause says whether the tag or the key agreement failed.
            throw new PresentationRejectedException("response JWE cannot be decrypted with the offered key", e);
        } catch (IOException e) {
            throw new PresentationRejectedException("response JWE payload is not a JSON object");
        }
    }

    private static JWE parse(String compactJwe) throws PresentationRejectedException {
        if (compactJwe == null || compactJwe.isBlank()) {
            throw new PresentationRejectedException("response missing");
        }
        try {
            return new JWE(compactJwe);
        } catch (RuntimeException e) {
            throw new PresentationRejectedException("response is not a compact JWE");
        }
    }

    private static JWEHeader header(JWE jwe) throws PresentationRejectedException {
        if (jwe.getHeader() instanceof JWEHeader header) {
            return header;
        }
        throw new PresentationRejectedException("response JWE header unreadable");
    }
}
