package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.common.LogSafe;
import hu.ugyfelportal.keycloak.dap.protocol.AuthorizationRequest;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseEncryptionKey;
import hu.ugyfelportal.keycloak.dap.protocol.VerifierIdentity;
import hu.ugyfelportal.keycloak.dap.protocol.WalletAgreement;
import hu.ugyfelportal.keycloak.dap.protocol.WalletMetadata;
import hu.ugyfelportal.keycloak.dap.protocol.WalletMetadataException;
import hu.ugyfelportal.keycloak.dap.protocol.WalletResponse;
import hu.ugyfelportal.keycloak.dap.service.DapClaims;
import hu.ugyfelportal.keycloak.dap.service.DapClock;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;
import hu.ugyfelportal.keycloak.dap.service.DapPseudonymKeys;
import hu.ugyfelportal.keycloak.dap.service.DapSubject;
import hu.ugyfelportal.keycloak.dap.status.PidStatusCheck;
import hu.ugyfelportal.keycloak.dap.transaction.DapTransactions;
import hu.ugyfelportal.keycloak.dap.transaction.Outcome;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.Optional;

/**
 * What the wallet talks to, behind the endpoint's two wallet routes; it speaks OID4VP and hands the checks to
 * the protocol classes, the stores to {@link DapTransactions}, the PID's status to {@link PidStatusCheck}.
 * <ul>
 * <li>the request_uri, {@code …/endpoint/request/{id}} (OID4VP 1.0 §5.10): the signed request object, once per QR,
 * by either method. A POST may carry {@code wallet_nonce} (echoed back) and {@code wallet_metadata}, which shapes the
 * request ({@link WalletAgreement}: the answer's {@code enc}, the {@code aud}, an encrypted request object) or, when
 * unreadable or without overlap, is refused with an OAuth error, an event, and the QR used up. A GET (a wallet
 * without {@code request_uri_method=post}) gets the same request object without {@code wallet_nonce};</li>
 * <li>the response_uri, {@code …/endpoint/response}: a presentation or an error, for one fetched transaction, once.
 * A plain answer ({@code direct_post}) names its transaction by {@code state}; an encrypted one
 * ({@code direct_post.jwt}) by the {@code kid} of the key made for it, and carries the {@code state} inside. Whatever
 * arrives, the transaction it names is used up.</li>
 * </ul>
 * Each refusal is the wallet's OAuth error and one event on the request's {@link EventBuilder}. A failure of ours
 * after the request or the transaction was used up (request-object signing or encryption, claim serialisation, a
 * store) is caught here too, like Keycloak's broker endpoints do: the wallet gets {@code server_error} (HTTP 400,
 * never a 500), the QR page the refusal's result and a new QR, the event {@link #EVENT_FAILED} the failure's class.
 */
final class DapWallet {

    static final String EVENT_UNKNOWN = "dap_unknown_request";
    static final String EVENT_METADATA_INVALID = "dap_wallet_metadata_invalid";
    static final String EVENT_WALLET_UNSUPPORTED = "dap_wallet_unsupported";
    static final String EVENT_UNKNOWN_TRANSACTION = "dap_unknown_transaction";
    static final String EVENT_DECLINED = "dap_declined";
    static final String EVENT_FAILED = "dap_wallet_request_failed";
    private static final String REQUEST_MEDIA_TYPE = "application/oauth-authz-req+jwt";
    private static final Logger LOG = Logger.getLogger(DapWallet.class);
    /** A reason may quote what the wallet sent (its error code): escaped and cut before it is stored. */
    private static final int MAX_REASON_LENGTH = 256;

    private final KeycloakSession session;
    private final DapConfig config;
    private final DapTransactions transactions;
    private final EventBuilder event;
    private final String alias;
    private final String responseUri;

    DapWallet(KeycloakSession session, DapConfig config, DapTransactions transactions, EventBuilder event, String alias,
              String responseUri) {
        this.session = session;
        this.config = config;
        this.transactions = transactions;
        this.event = event;
        this.alias = alias;
        this.responseUri = responseUri;
    }

    /** The request_uri by GET: no wallet metadata, no wallet nonce. */
    Response requestObject(String requestId) {
        return requestObject(requestId, WalletMetadata.NONE, null);
    }

    /** The request_uri by POST, with the wallet's form parameters as they arrived. */
    Response requestObject(String requestId, String walletNonce, String walletMetadata) {
        try {
            return requestObject(requestId, WalletMetadata.parse(walletMetadata), blankToNull(walletNonce));
        } catch (WalletMetadataException e) {
            return refused(requestId, e);
        }
    }

    private Response requestObject(String requestId, WalletMetadata wallet, String walletNonce) {
        VerifierIdentity verifier = config.verifierIdentity();
        WalletAgreement agreement;
        try {
            agreement = WalletAgreement.of(wallet, config.mode(), verifier.prefix());
        } catch (WalletMetadataException e) {
            return refused(requestId, e);
        }
        Optional<DapTransactions.Pending> pending = transactions.fetchRequest(requestId, config.mode(),
                agreement.responseEncryptions());
        if (pending.isEmpty()) {
            return unknownRequest();
        }
        try {
            String signed = new AuthorizationRequest(verifier.clientId(), responseUri,
                    pending.get().responseMode(), pending.get().encryptionKey(), pending.get().nonce(),
                    pending.get().transaction(), config.credentialType(), config.requestedClaims(), DapClock.now(),
                    pending.get().expiresAt(), walletNonce, agreement.audience()).signedRequestObject(verifier);
            String body = agreement.requestEncryption() == null ? signed : agreement.requestEncryption().encrypt(signed);
            return NoStore.build(Response.ok(body, REQUEST_MEDIA_TYPE));
        } catch (RuntimeException e) {
            return failed(pending.get().transaction(), "request object", e);
        }
    }

    /** The response_uri: the wallet's form parameters as they arrived. */
    Response response(String state, String vpToken, String error, String encrypted) {
        Optional<DapTransactions.Pending> pending;
        try {
            pending = encrypted == null ? transactions.takeTransaction(state)
                    : transactions.takeTransactionByKeyId(ResponseEncryptionKey.keyIdOf(encrypted));
        } catch (PresentationRejectedException e) {
            event(EVENT_UNKNOWN_TRANSACTION, e.reason());
            return error(Response.Status.BAD_REQUEST, "invalid_request", "The response is not a readable JWE");
        }
        if (pending.isEmpty()) {
            event(EVENT_UNKNOWN_TRANSACTION, "state or kid unknown, already answered or expired");
            return error(Response.Status.BAD_REQUEST, "invalid_request", "Unknown, answered or expired request");
        }
        String transaction = pending.get().transaction();
        try {
            return answered(pending.get(), state, vpToken, error, encrypted);
        } catch (RuntimeException e) {
            return failed(transaction, "response", e);
        }
    }

    private Response answered(DapTransactions.Pending pending, String state, String vpToken, String error,
                              String encrypted) {
        String transaction = pending.transaction();
        try {
            WalletResponse answer = WalletResponse.read(pending.responseMode(), pending.encryptionKey(),
                    transaction, new WalletResponse.Form(state, vpToken, error, encrypted));
            if (answer.declined()) {
                transactions.saveResult(transaction, new DapTransactions.Result(Outcome.DECLINED, null, null));
                event(EVENT_DECLINED, "wallet answered " + answer.error());
                return accepted();
            }
            Map<String, Object> claims = config.presentationVerifier()
                    .verify(answer.vpToken(), config.verifierIdentity().clientId(), pending.nonce());
            new PidStatusCheck(session, config).check(claims);
            String subject = DapSubject.of(config, claims,
                    DapPseudonymKeys.of(session, session.getContext().getRealm())).pseudonym();
            transactions.saveResult(transaction, new DapTransactions.Result(Outcome.APPROVED, subject,
                    DapClaims.toJson(claims)));
            return accepted();
        } catch (PresentationRejectedException e) {
            transactions.saveResult(transaction, new DapTransactions.Result(Outcome.refusing(e), null, null));
            event(e.eventError(), e.reason());
            return error(Response.Status.BAD_REQUEST, "invalid_request", "The presentation was not accepted");
        }
    }

    /**
     * Our own failure after the transaction was used up: the page learns of it as of a refused answer (and gets a new
     * QR), the wallet gets an OAuth error, the event names the failure's class (its message may quote the request).
     */
    private Response failed(String transaction, String step, RuntimeException e) {
        try {
            transactions.saveResult(transaction, new DapTransactions.Result(Outcome.REJECTED, null, null));
        } catch (RuntimeException notSaved) {
            LOG.debugf("DÁP wallet %s failed and its result was not saved either (%s): the page gets a new QR when "
                    + "this one runs out", step, notSaved.getClass().getName());
        }
        return failed(event, alias, step, e);
    }

    /**
     * Any request to the wallet's endpoints that failed on our side. Logged by class and place only: the message of
     * an exception may quote what the wallet sent (personal data, the nonce).
     */
    static Response failed(EventBuilder event, String alias, String step, RuntimeException e) {
        StackTraceElement[] trace = e.getStackTrace();
        LOG.errorf("DÁP wallet %s failed: %s at %s", step, e.getClass().getName(), trace.length == 0 ? "?" : trace[0]);
        event(event, alias, EVENT_FAILED, step + " failed: " + e.getClass().getName());
        return error(Response.Status.BAD_REQUEST, "server_error", "The request could not be processed; try a new QR code");
    }

    /** Any wallet request while the provider's settings cannot serve a login: the wallet is told to try later. */
    static Response unavailable(EventBuilder event, String alias, String settingsError) {
        event(event, alias, settingsError, "the DÁP identity provider's settings are wrong or not complete");
        return error(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable", "DÁP login is not available");
    }

    /** 400 with the reason for the wallet (§5.10.2: it then stops); the QR page learns of it and shows a new QR. */
    private Response refused(String requestId, WalletMetadataException e) {
        if (!transactions.refuseRequest(requestId)) {
            return unknownRequest();
        }
        event(e.malformed() ? EVENT_METADATA_INVALID : EVENT_WALLET_UNSUPPORTED, e.getMessage());
        return error(Response.Status.BAD_REQUEST, e.oauthError(), e.getMessage());
    }

    private Response unknownRequest() {
        event(EVENT_UNKNOWN, "request_uri unknown, used or expired");
        return error(Response.Status.NOT_FOUND, "invalid_request_uri", "The request is unknown, used or expired");
    }

    private void event(String error, String reason) {
        event(event, alias, error, reason);
    }

    /** The request's one event: the wallet's requests carry no other, so Keycloak's shared builder is used as it is. */
    private static void event(EventBuilder event, String alias, String error, String reason) {
        event.event(EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(Details.REASON, LogSafe.text(reason, MAX_REASON_LENGTH))
                .error(error);
        LOG.debugf("DÁP wallet request refused: %s (%s)", error, LogSafe.text(reason, MAX_REASON_LENGTH));
    }

    private static Response accepted() {
        return NoStore.build(Response.ok(Map.of(), MediaType.APPLICATION_JSON_TYPE));
    }

    private static Response error(Response.Status status, String error, String description) {
        return NoStore.build(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "error_description", description)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
