package hu.ugyfelportal.demoportal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The portal's side of OpenID Connect with the realm's confidential client: the authorization request with PKCE
 * (S256) and a nonce, the code exchanged over the back channel with the client secret, the ID token checked, and
 * Keycloak's RP-initiated logout.
 */
final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BACK_CHANNEL_TIMEOUT = Duration.ofSeconds(10);

    private final PortalSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(BACK_CHANNEL_TIMEOUT).build();
    private final IdTokenVerifier verifier;

    OidcClient(PortalSettings settings) {
        this.settings = settings;
        RealmKeys keys = new RealmKeys(http, settings.keysEndpoint());
        this.verifier = new IdTokenVerifier(settings.issuer(), settings.clientId(), keys::byId, Clock.systemUTC());
    }

    /** What one browser's login must bring back: the state it was sent with, the nonce and the PKCE verifier. */
    record PendingLogin(String state, String nonce, String codeVerifier) {

        static PendingLogin fresh() {
            return new PendingLogin(OAuthValues.randomToken(), OAuthValues.randomToken(), OAuthValues.randomToken());
        }
    }

    /** The customer's login as the ID token tells it. */
    record LoggedIn(String idToken, Map<String, Object> claims) {
    }

    /** {@code extraParameters} such as {@code kc_action} or {@code prompt} go into the request as they are. */
    URI authorizationUrl(PendingLogin login, Map<String, String> extraParameters) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", settings.clientId());
        parameters.put("response_type", "code");
        parameters.put("scope", "openid");
        parameters.put("redirect_uri", settings.redirectUri());
        parameters.put("state", login.state());
        parameters.put("nonce", login.nonce());
        parameters.put("code_challenge", OAuthValues.pkceChallenge(login.codeVerifier()));
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(extraParameters);
        return URI.create(settings.authorizationEndpoint() + "?" + OAuthValues.form(parameters));
    }

    /** Exchanges the code for tokens and checks the ID token; throws when any step fails. */
    LoggedIn exchange(String code, PendingLogin login) throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", code);
        parameters.put("redirect_uri", settings.redirectUri());
        parameters.put("code_verifier", login.codeVerifier());
        HttpRequest request = HttpRequest.newBuilder(settings.tokenEndpoint()).timeout(BACK_CHANNEL_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basicCredentials())
                .POST(HttpRequest.BodyPublishers.ofString(OAuthValues.form(parameters))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            // The error code only: the body of a failed exchange says nothing secret, but it needs no echo either.
            throw new IOException("The token endpoint answered HTTP " + response.statusCode() + " "
                    + body.path("error").asText());
        }
        String idToken = body.path("id_token").asText(null);
        return new LoggedIn(idToken, verifier.verify(idToken, login.nonce()));
    }

    /** Keycloak's end-session endpoint for this login, coming back to the portal's logged-out page. */
    URI logoutUrl(String idToken) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", settings.clientId());
        parameters.put("id_token_hint", idToken);
        parameters.put("post_logout_redirect_uri", settings.postLogoutRedirectUri());
        return URI.create(settings.endSessionEndpoint() + "?" + OAuthValues.form(parameters));
    }

    /** RFC 6749 section 2.3.1: id and secret form-encoded, then Base64. */
    private String basicCredentials() {
        String pair = URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
