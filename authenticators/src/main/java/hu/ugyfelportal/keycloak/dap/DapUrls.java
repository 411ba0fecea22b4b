package hu.ugyfelportal.keycloak.dap;

import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;

/**
 * The URLs under one DÁP provider's endpoint ({@code /realms/{realm}/broker/{alias}/endpoint}). The browser's carry
 * the client and the tab, which with Keycloak's own session cookie find its authentication session.
 */
final class DapUrls {

    static final String QR = "qr";
    static final String STATUS = "status";
    static final String CANCEL = "cancel";
    static final String RESPONSE = "response";
    static final String CLIENT_ID = "client_id";
    static final String TAB_ID = "tab_id";

    private final URI endpoint;

    DapUrls(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** @param baseUri Keycloak's base URI, as the request arrived */
    static DapUrls of(URI baseUri, String realm, String alias) {
        return new DapUrls(UriBuilder.fromUri(baseUri).path("realms").path(realm).path("broker").path(alias)
                .path("endpoint").build());
    }

    /** The endpoint itself, whose {@code request/{id}} a QR names. */
    String endpoint() {
        return endpoint.toString();
    }

    String response() {
        return UriBuilder.fromUri(endpoint).path(RESPONSE).build().toString();
    }

    /** One of the browser's pages ({@link #QR}, {@link #STATUS}, {@link #CANCEL}) for this login's tab. */
    String browser(String path, String clientId, String tabId) {
        return UriBuilder.fromUri(endpoint).path(path).queryParam(CLIENT_ID, clientId).queryParam(TAB_ID, tabId)
                .build().toString();
    }
}
