package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.jose.jws.JWSBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OID4VP authorization request, sent to the wallet by reference: the QR carries only
 * {@link #walletInvocationUri}, and the wallet POSTs to the {@code request_uri} for the {@link #signedRequestObject}.
 *
 * @param responseMode  how the wallet answers
 * @param encryptionKey the key the wallet encrypts its answer to; present exactly when the mode is encrypted
 * @param walletNonce   the wallet's {@code wallet_nonce} from its request_uri POST, echoed back; null after a GET
 * @param audience      the request object's {@code aud} (OID4VP 1.0 §5.8), see {@link WalletAgreement#audience()}
 */
public record AuthorizationRequest(String clientId, String responseUri, ResponseMode responseMode,
                                   ResponseEncryptionKey encryptionKey, String nonce, String state,
                                   String vct, List<String> claims, Instant issuedAt, Instant expiresAt,
                                   String walletNonce, String audience) {

    public static final String REQUEST_OBJECT_TYPE = "oauth-authz-req+jwt";
    public static final String REQUEST_URI_METHOD = "post";
    /** The {@code aud} for a wallet known only by static metadata (OID4VP 1.0 §5.8). */
    public static final String SELF_ISSUED_AUDIENCE = "https://self-issued.me/v2";

    public AuthorizationRequest {
        if (responseMode.encrypted() != (encryptionKey != null)) {
            throw new IllegalArgumentException("An encryption key goes with " + ResponseMode.DIRECT_POST_JWT.parameter()
                    + " and only with it");
        }
    }

    /** OID4VP 1.0 §5 request parameters, as the request object's claims (each listed in docs/dap-conformance.md). */
    public Map<String, Object> toClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientId);
        claims.put("aud", audience);
        claims.put("client_id", clientId);
        claims.put("response_type", "vp_token");
        claims.put("response_mode", responseMode.parameter());
        claims.put("response_uri", responseUri);
        claims.put("client_metadata", VerifierMetadata.clientMetadata(encryptionKey));
        claims.put("nonce", nonce);
        claims.put("state", state);
        claims.put("dcql_query", DcqlQuery.forCredential(vct, this.claims));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        if (walletNonce != null) {
            claims.put("wallet_nonce", walletNonce);
        }
        return claims;
    }

    /** The JWS the wallet gets from request_uri: {@code typ oauth-authz-req+jwt}, ES256, our chain in {@code x5c} (no trust anchor). */
    public String signedRequestObject(VerifierIdentity verifier) {
        if (!verifier.clientId().equals(clientId)) {
            throw new IllegalArgumentException("The request's client_id is not the signing certificate's");
        }
        return new JWSBuilder()
                .type(REQUEST_OBJECT_TYPE)
                .x5c(verifier.x5c())
                .jsonContent(toClaims())
                .sign(verifier.signer());
    }
}
