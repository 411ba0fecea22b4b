package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyType;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.EllipticCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * What our request object becomes for one wallet, from its {@link WalletMetadata} (OID4VP 1.0 §5.10) and our fixed
 * choices: the request is signed with ES256 under the configured client identifier prefix, asks for one
 * {@code dc+sd-jwt} credential, and uses the configured response mode. Whatever the wallet did not mention is taken
 * as supported; whatever it lists must overlap with ours, or the call is refused with a {@link WalletMetadataException}.
 *
 * @param audience            the request object's {@code aud}: the wallet's {@code issuer} when it gave one (§5.8),
 *                            else {@value AuthorizationRequest#SELF_ISSUED_AUDIENCE}
 * @param responseEncryptions the {@code enc} values we offer for the answer (ours, in our order, that the wallet
 *                            supports); empty for a plain {@code direct_post}
 * @param requestEncryption   how to encrypt the request object to the wallet; null when it published no key
 */
public record WalletAgreement(String audience, List<String> responseEncryptions, RequestObjectEncryption requestEncryption) {

    static final String REQUEST_OBJECT_SIGNING_ALGORITHM = Algorithm.ES256;
    /** OID4VP 1.0 §8.3's default when a list names none; also ours for a request object when the wallet names no enc. */
    private static final String DEFAULT_CONTENT_ENCRYPTION = "A128GCM";
    private static final String CURVE = "P-256";

    public static WalletAgreement of(WalletMetadata wallet, ResponseMode mode, ClientIdPrefix prefix)
            throws WalletMetadataException {
        requireListed(wallet.clientIdPrefixes(), prefix.value(), "client identifier prefix");
        requireListed(wallet.requestObjectSigningAlgorithms(), REQUEST_OBJECT_SIGNING_ALGORITHM, "request object signing alg");
        requireListed(wallet.responseModes(), mode.parameter(), "response mode");
        requireCredentialFormat(wallet);
        List<String> responseEncryptions = List.of();
        if (mode.encrypted()) {
            requireListed(wallet.responseEncryptionAlgorithms(), ResponseEncryptionKey.ALGORITHM, "response encryption alg");
            responseEncryptions = common(ResponseEncryptionKey.CONTENT_ENCRYPTIONS, wallet.responseContentEncryptions());
            if (responseEncryptions.isEmpty()) {
                throw unsupported("the wallet supports no response encryption enc of " + ResponseEncryptionKey.CONTENT_ENCRYPTIONS);
            }
        }
        return new WalletAgreement(wallet.issuer() != null ? wallet.issuer() : AuthorizationRequest.SELF_ISSUED_AUDIENCE,
                responseEncryptions, requestEncryption(wallet));
    }

    private static void requireCredentialFormat(WalletMetadata wallet) throws WalletMetadataException {
        if (wallet.vpFormats() == null) {
            return;
        }
        JsonNode sdJwtVc = wallet.format(DcqlQuery.SD_JWT_VC_FORMAT);
        if (sdJwtVc == null) {
            throw WalletMetadataException.unsupported(WalletMetadataException.VP_FORMATS_NOT_SUPPORTED,
                    "the wallet's vp_formats_supported has no " + DcqlQuery.SD_JWT_VC_FORMAT);
        }
        requireOverlap(sdJwtVc, VerifierMetadata.SD_JWT_ALGORITHMS, PresentationVerifier.ISSUER_SIGNED_JWT_ALGORITHMS);
        requireOverlap(sdJwtVc, VerifierMetadata.KEY_BINDING_ALGORITHMS, PresentationVerifier.KEY_BINDING_JWT_ALGORITHMS);
    }

    private static void requireOverlap(JsonNode format, String member, List<String> ours) throws WalletMetadataException {
        JsonNode theirs = format.get(member);
        if (theirs == null) {
            return;
        }
        if (!theirs.isArray()) {
            throw WalletMetadataException.malformed("vp_formats_supported." + DcqlQuery.SD_JWT_VC_FORMAT + "." + member
                    + " is not an array");
        }
        for (JsonNode algorithm : theirs) {
            if (ours.contains(algorithm.asText())) {
                return;
            }
        }
        throw WalletMetadataException.unsupported(WalletMetadataException.VP_FORMATS_NOT_SUPPORTED,
                "the wallet's " + DcqlQuery.SD_JWT_VC_FORMAT + " " + member + " has none of " + ours);
    }

    /**
     * A wallet that publishes {@code jwks} asks for an encrypted request object (§5.10). It gets one only to a key we
     * can use (EC P-256 for {@value RequestObjectEncryption#ALGORITHM}), or the call is refused: it would not accept a
     * plain one.
     */
    private static RequestObjectEncryption requestEncryption(WalletMetadata wallet) throws WalletMetadataException {
        if (wallet.encryptionKeys().isEmpty()) {
            return null;
        }
        requireListed(wallet.requestObjectEncryptionAlgorithms(), RequestObjectEncryption.ALGORITHM, "request object encryption alg");
        List<String> encs = wallet.requestObjectContentEncryptions() == null ? List.of(DEFAULT_CONTENT_ENCRYPTION)
                : common(wallet.requestObjectContentEncryptions(), RequestObjectEncryption.CONTENT_ENCRYPTIONS);
        if (encs.isEmpty()) {
            throw unsupported("the wallet supports no request object enc of " + RequestObjectEncryption.CONTENT_ENCRYPTIONS);
        }
        for (JWK key : wallet.encryptionKeys()) {
            if (KeyType.EC.equals(key.getKeyType()) && CURVE.equals(key.getOtherClaims().get("crv"))
                    && (key.getPublicKeyUse() == null || "enc".equals(key.getPublicKeyUse()))
                    && (key.getAlgorithm() == null || RequestObjectEncryption.ALGORITHM.equals(key.getAlgorithm()))) {
                PublicKey publicKey;
                try {
                    publicKey = JWKParser.create(key).toPublicKey();
                } catch (RuntimeException e) {
                    publicKey = null;
                }
                if (!(publicKey instanceof ECPublicKey ecKey) || !onCurve(ecKey)) {
                    throw WalletMetadataException.malformed("jwks holds an EC key that is not a valid P-256 public key");
                }
                return new RequestObjectEncryption(publicKey, key.getKeyId(), encs.get(0));
            }
        }
        throw unsupported("the wallet's jwks has no EC P-256 key for " + RequestObjectEncryption.ALGORITHM);
    }

    /** A point off the curve would fail the key agreement later (and is what invalid-curve attacks send). */
    private static boolean onCurve(ECPublicKey key) {
        EllipticCurve curve = key.getParams().getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        return y.pow(2).subtract(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB())).mod(p).signum() == 0;
    }

    private static void requireListed(List<String> theirs, String ours, String what) throws WalletMetadataException {
        if (theirs != null && !theirs.contains(ours)) {
            throw unsupported("the wallet does not support the " + what + " " + ours);
        }
    }

    /** The values of {@code first}, in its order, that {@code second} also lists; all of {@code first} when it lists nothing. */
    private static List<String> common(List<String> first, List<String> second) {
        if (second == null) {
            return first;
        }
        List<String> common = new ArrayList<>(first);
        common.retainAll(second);
        return List.copyOf(common);
    }

    private static WalletMetadataException unsupported(String reason) {
        return WalletMetadataException.unsupported(WalletMetadataException.INVALID_REQUEST, reason);
    }
}
