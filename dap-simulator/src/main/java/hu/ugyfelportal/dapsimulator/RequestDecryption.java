package hu.ugyfelportal.dapsimulator;

import org.keycloak.crypto.KeyUse;
import org.keycloak.jose.jwe.JWE;
import org.keycloak.jose.jwe.JWEConstants;
import org.keycloak.jose.jwe.JWEException;
import org.keycloak.jose.jwe.JWEHeader;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKBuilder;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.UUID;

/**
 * The wallet's side of an encrypted request object (OID4VP 1.0 §5.10): an ephemeral EC P-256 key published in
 * {@code wallet_metadata.jwks}, and the decryption of the verifier's answer with Keycloak's JWE code, refusing one
 * that is not a nested JWT ({@code cty JWT}) encrypted with {@code ECDH-ES} to that key.
 */
final class RequestDecryption {

    private final KeyPair keys = DevCertificates.newEcKeyPair();
    private final String keyId = UUID.randomUUID().toString();

    JWK jwk() {
        return JWKBuilder.create().kid(keyId).algorithm(JWEConstants.ECDH_ES).ec(keys.getPublic(), KeyUse.ENC);
    }

    /** @return the signed request object inside the JWE */
    String decrypt(String compactJwe) {
        JWE jwe;
        try {
            jwe = new JWE(compactJwe);
        } catch (RuntimeException e) {
            throw new WalletException("The request object is not encrypted although we asked for it");
        }
        if (!(jwe.getHeader() instanceof JWEHeader header) || !"JWT".equals(header.getContentType())
                || !JWEConstants.ECDH_ES.equals(header.getAlgorithm()) || !keyId.equals(header.getKeyId())) {
            throw new WalletException("The encrypted request object is not a JWT encrypted with ECDH-ES to our key");
        }
        try {
            jwe.getKeyStorage().setDecryptionKey(keys.getPrivate());
            jwe.verifyAndDecodeJwe();
            return new String(jwe.getContent(), StandardCharsets.US_ASCII);
        } catch (JWEException | RuntimeException e) {
            throw new WalletException("The encrypted request object cannot be decrypted with our key");
        }
    }
}
