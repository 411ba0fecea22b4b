package hu.ugyfelportal.keycloak.dap.protocol;

import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * The wallet's answer at the response_uri, read as the transaction's response mode requires: with
 * {@code direct_post} the form's {@code vp_token} and {@code state}; with {@code direct_post.jwt} the same parameters
 * inside the encrypted {@code response}. A declining wallet's {@code error} is accepted in either form: it carries no
 * personal data, and refusing it would only leave the customer waiting for the QR to run out.
 *
 * @param vpToken the {@code vp_token} as JSON text (a JSON object in an encrypted payload is written back as text)
 * @param error   the wallet's OAuth error code, such as {@code access_denied}; null when it presented
 */
public record WalletResponse(String vpToken, String error) {

    /** The form fields the wallet may post. */
    public record Form(String state, String vpToken, String error, String response) {
    }

    public boolean declined() {
        return error != null;
    }

    /**
     * @param transaction the transaction (our {@code state}) the answer was found under
     * @param key         the transaction's encryption key; null unless the mode is {@code direct_post.jwt}
     */
    public static WalletResponse read(ResponseMode mode, ResponseEncryptionKey key, String transaction, Form form)
            throws PresentationRejectedException {
        if (form.response() == null) {
            if (form.error() != null) {
                return new WalletResponse(null, form.error());
            }
            if (mode.encrypted()) {
                throw new PresentationRejectedException("plain vp_token posted where " + mode.parameter() + " was requested");
            }
            return new WalletResponse(required(form.vpToken(), "vp_token"), null);
        }
        if (!mode.encrypted()) {
            throw new PresentationRejectedException("encrypted response posted where " + mode.parameter() + " was requested");
        }
        if (form.vpToken() != null || form.state() != null) {
            throw new PresentationRejectedException("vp_token or state posted beside the encrypted response");
        }
        Map<String, Object> payload = key.decrypt(form.response());
        if (!transaction.equals(payload.get("state"))) {
            throw new PresentationRejectedException("the encrypted response's state is not the request's");
        }
        if (payload.get("error") instanceof String error) {
            return new WalletResponse(null, error);
        }
        Object vpToken = payload.get("vp_token");
        return new WalletResponse(vpToken instanceof String text ? text : json(vpToken), null);
    }

    private static String json(Object value) throws PresentationRejectedException {
        if (value == null) {
            throw new PresentationRejectedException("vp_token missing");
        }
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new PresentationRejectedException("vp_token unreadable");
        }
    }

    private static String required(String value, String name) throws PresentationRejectedException {
        if (value == null || value.isBlank()) {
            throw new PresentationRejectedException(name + " missing");
        }
        return value;
    }
}
