package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.protocol.AuthorizationRequest;
import hu.ugyfelportal.keycloak.dap.protocol.VerifierIdentity;
import hu.ugyfelportal.keycloak.dap.protocol.WalletAgreement;
import hu.ugyfelportal.keycloak.dap.protocol.WalletMetadata;
import hu.ugyfelportal.keycloak.dap.protocol.WalletMetadataException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Optional;

/**
 * The wallet's request_uri, {@code …/endpoint/request/{id}} (OID4VP 1.0 §5.10): the signed request object, once per
 * QR, by either method. A POST may carry {@code wallet_nonce} (echoed back) and {@code wallet_metadata}, which
 * shapes the request ({@link WalletAgreement}: the answer's {@code enc}, the {@code aud}, an encrypted request object)
 * or, when unreadable or without overlap, is refused with an OAuth error, an event, and the QR used up. A GET (a
 * wallet without {@code request_uri_method=post}) gets the same request object without {@code wallet_nonce}.
 */
public class DapRequestUri {

    static final String EVENT_UNKNOWN = "dap_unknown_request";
    static final String EVENT_METADATA_INVALID = "dap_wallet_metadata_invalid";
    static final String EVENT_WALLET_UNSUPPORTED = "dap_wallet_unsupported";
    private static final String MEDIA_TYPE = "application/oauth-authz-req+jwt";

    private final DapEndpoint endpoint;
    private final DapTransactions transactions;
    private final DapConfig config;
    private final String requestId;

    DapRequestUri(DapEndpoint endpoint, DapTransactions transactions, DapConfig config, String requestId) {
        this.endpoint = endpoint;
        this.transactions = transactions;
        this.config = config;
        this.requestId = requestId;
    }

    @GET
    public Response get() {
        return answer(WalletMetadata.NONE, null);
    }

    @POST
    public Response post(@FormParam("wallet_nonce") String walletNonce, @FormParam("wallet_metadata") String walletMetadata) {
        try {
            return answer(WalletMetadata.parse(walletMetadata), blankToNull(walletNonce));
        } catch (WalletMetadataException e) {
            return refused(e);
        }
    }

    private Response answer(WalletMetadata wallet, String walletNonce) {
        VerifierIdentity verifier = config.verifierIdentity();
        WalletAgreement agreement;
        try {
            agreement = WalletAgreement.of(wallet, config.mode(), verifier.prefix());
        } catch (WalletMetadataException e) {
            return refused(e);
        }
        Optional<DapTransactions.Pending> pending = transactions.fetchRequest(requestId, config.mode(),
                agreement.responseEncryptions());
        if (pending.isEmpty()) {
            return unknown();
        }
        String signed = new AuthorizationRequest(verifier.clientId(), endpoint.responseUri(),
                pending.get().responseMode(), pending.get().encryptionKey(), pending.get().nonce(),
                pending.get().transaction(), config.credentialType(), config.requestedClaims(), Instant.now(),
                pending.get().expiresAt(), walletNonce, agreement.audience()).signedRequestObject(verifier);
        String body = agreement.requestEncryption() == null ? signed : agreement.requestEncryption().encrypt(signed);
        return DapEndpoint.noStore(Response.ok(body, MEDIA_TYPE));
    }

    /** 400 with the reason for the wallet (§5.10.2: it then stops); the QR page learns of it and shows a new QR. */
    private Response refused(WalletMetadataException e) {
        if (!transactions.refuseRequest(requestId)) {
            return unknown();
        }
        endpoint.walletEvent(e.malformed() ? EVENT_METADATA_INVALID : EVENT_WALLET_UNSUPPORTED, e.getMessage());
        return DapEndpoint.walletError(Response.Status.BAD_REQUEST, e.oauthError(), e.getMessage());
    }

    private Response unknown() {
        endpoint.walletEvent(EVENT_UNKNOWN, "request_uri unknown, used or expired");
        return DapEndpoint.walletError(Response.Status.NOT_FOUND, "invalid_request_uri", "The request is unknown, used or expired");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
