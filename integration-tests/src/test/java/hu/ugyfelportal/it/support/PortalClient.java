package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The portal's side of OpenID Connect (authorization code + PKCE), as the real portal would run it. */
public final class PortalClient {

    private static final SecureRandom RANDOM = new SecureRandom();

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
        String verifier = randomToken();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", clientId);
        parameters.put("response_type", "code");
        parameters.put("scope", "openid");
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", randomToken());
        parameters.put("nonce", randomToken());
        parameters.put("code_challenge", challengeOf(verifier));
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(extraParameters);
        return new AuthorizationRequest(realmUrl + "/protocol/openid-connect/auth?" + form(parameters), verifier);
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
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build();
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

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
