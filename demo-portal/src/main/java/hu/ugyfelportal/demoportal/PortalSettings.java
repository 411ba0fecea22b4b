package hu.ugyfelportal.demoportal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the demo portal is and which realm client it logs in with. Keycloak's endpoints follow from the realm's
 * issuer URL; the browser and the portal reach Keycloak at the same address, so one issuer serves both.
 *
 * @param portalUrl    the portal's own address as the browser sees it, without a trailing slash
 * @param issuer       the realm's URL, e.g. {@code http://localhost:8080/realms/ugyfelportal}
 * @param clientId     the realm's portal client, {@code ugyfelportal-portal}
 * @param clientSecret that client's secret (the realm's {@code UGYFELPORTAL_PORTAL_CLIENT_SECRET})
 */
public record PortalSettings(String portalUrl, String issuer, String clientId, String clientSecret) {

    public static final String CLIENT_ID = "ugyfelportal-portal";

    public PortalSettings {
        portalUrl = withoutTrailingSlash(portalUrl);
        issuer = withoutTrailingSlash(issuer);
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("The portal client's secret is missing (UGYFELPORTAL_PORTAL_CLIENT_SECRET)");
        }
    }

    /** Where Keycloak sends the browser back with the code; not {@code /callback}, which the tests' own clients use. */
    String redirectUri() {
        return portalUrl + "/login/callback";
    }

    String postLogoutRedirectUri() {
        return portalUrl + "/logged-out";
    }

    /**
     * Keycloak's account console ("Profil"); with the referrer it offers a link back to the portal (the URI must match
     * one of the client's redirect URIs).
     */
    String profileUrl() {
        return issuer + "/account?referrer=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&referrer_uri="
                + URLEncoder.encode(portalUrl + "/", StandardCharsets.UTF_8);
    }

    URI authorizationEndpoint() {
        return URI.create(issuer + "/protocol/openid-connect/auth");
    }

    URI tokenEndpoint() {
        return URI.create(issuer + "/protocol/openid-connect/token");
    }

    URI keysEndpoint() {
        return URI.create(issuer + "/protocol/openid-connect/certs");
    }

    URI endSessionEndpoint() {
        return URI.create(issuer + "/protocol/openid-connect/logout");
    }

    private static String withoutTrailingSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A URL of the demo portal's settings is missing");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
