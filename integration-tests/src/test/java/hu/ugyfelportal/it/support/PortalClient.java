package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.demoportal.OAuthValues;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The portal's side of OpenID Connect (authorization code + PKCE), as the real portal would run it. */
public final class PortalClient {


    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;

    PortalClient(String baseUrl, String realm, String clientId, String clientSecret, String redirectUri) {
        this.realmUrl = baseUrl + "/realms/" + realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** A fresh authorization request; extra parameters such as {@code kc_locale} or {@code prompt} may be added. */
    public AuthorizationRequest authorizationRequest(Map<String, String> extraParameters) {
        String verifier = OAuthValues.randomToken();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", clientId);
        parameters.put("response_type", "code");
        parameters.put("scope", "openid");
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", OAuthValues.randomToken());
        parameters.put("nonce", OAuthValues.randomToken());
        parameters.put("code_challenge", OAuthValues.pkceChallenge(verifier));
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(extraParameters);
        return new AuthorizationRequest(realmUrl + "/protocol/openid-connect/auth?" + OAuthValues.form(parameters), verifier);
    }

    public AuthorizationRequest authorizationRequest() {
        return authorizationRequest(Map.of());
    }

    /** Exchanges the code from the browser's redirect for tokens, with the client secret and the PKCE verifier. */
    public Tokens exchange(AuthorizationRequest request, Page redirect) {
        String code = redirect.portalRedirectParameter("code")
                .orElseThrow(() -> new AssertionError("No authorization code in " + redirect));
        return tokenRequest(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirectUri,
                "code_verifier", request.codeVerifier()));
    }

    public Tokens refresh(Tokens tokens) {
        return tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
    }

    public Map<String, Object> userInfo(Tokens tokens) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.accessToken()).GET().build();
        return readJson(send(request, 200));
    }

    private Tokens tokenRequest(Map<String, String> grant) {
        Map<String, String> parameters = new LinkedHashMap<>(grant);
        parameters.put("client_id", clientId);
        parameters.put("client_secret", clientSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthValues.form(parameters))).build();
        Map<String, Object> json = readJson(send(request, 200));
        return new Tokens((String) json.get("access_token"), (String) json.get("id_token"),
                (String) json.get("refresh_token"));
    }

    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> readJson(String json) {
        try {
            return JsonSerialization.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record AuthorizationRequest(String url, String codeVerifier) {
    }

    public record Tokens(String accessToken, String idToken, String refreshToken) {

        public Map<String, Object> accessTokenClaims() {
            return claimsOf(accessToken);
        }

        public Map<String, Object> idTokenClaims() {
            return claimsOf(idToken);
        }

        private static Map<String, Object> claimsOf(String jwt) {
            try {
                return new JWSInput(jwt).readJsonContent(Map.class);
            } catch (JWSInputException e) {
                throw new AssertionError("Not a JWT: " + jwt, e);
            }
        }
    }
}
