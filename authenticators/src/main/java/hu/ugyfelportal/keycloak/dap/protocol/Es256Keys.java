package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyWrapper;

import java.security.PublicKey;

/** Keycloak's {@link KeyWrapper} for an ES256 key, the one algorithm HAIP allows every party. */
final class Es256Keys {

    private Es256Keys() {
    }

    /** The caller adds what its use needs (the private key, the certificate or chain). */
    static KeyWrapper wrap(PublicKey publicKey) {
        KeyWrapper key = new KeyWrapper();
        key.setAlgorithm(Algorithm.ES256);
        key.setType(KeyType.EC);
        key.setPublicKey(publicKey);
        return key;
    }
}
