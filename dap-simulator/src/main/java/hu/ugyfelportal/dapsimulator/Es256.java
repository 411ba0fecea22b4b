package hu.ugyfelportal.dapsimulator;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.ECDSASignatureVerifierContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.crypto.SignatureSignerContext;
import org.keycloak.crypto.SignatureVerifierContext;

import java.security.KeyPair;
import java.security.PublicKey;

/** Keycloak's ES256 signer and verifier around plain JCA keys. */
final class Es256 {

    private Es256() {
    }

    static SignatureSignerContext signer(KeyPair keys) {
        KeyWrapper key = wrap(keys.getPublic());
        key.setPrivateKey(keys.getPrivate());
        return new ECDSASignatureSignerContext(key);
    }

    static SignatureVerifierContext verifier(PublicKey publicKey) {
        return new ECDSASignatureVerifierContext(wrap(publicKey));
    }

    private static KeyWrapper wrap(PublicKey publicKey) {
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES256);
        key.setType(KeyType.EC);
        key.setPublicKey(publicKey);
        return key;
    }
}
