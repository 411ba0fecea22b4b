package hu.ugyfelportal.keycloak.dap.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the QR code (and the same-device button) holds: an authorization request by reference
 * (OID4VP 1.0 §5.10), {@code <scheme>?client_id=..&request_uri=..&request_uri_method=post}. Nothing secret:
 * the request_uri works once and only for a short time.
 */
public final class WalletInvocation {

    private WalletInvocation() {
    }

    /** @param scheme for example {@code openid4vp://} (or an https universal link of the wallet) */
    public static String uri(String scheme, String clientId, String requestUri) {
        String separator = scheme.contains("?") ? "&" : (scheme.endsWith("/") ? "?" : "/?");
        return scheme + separator
                + "client_id=" + encode(clientId)
                + "&request_uri=" + encode(requestUri)
                + "&request_uri_method=" + AuthorizationRequest.REQUEST_URI_METHOD;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
