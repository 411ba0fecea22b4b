package hu.ugyfelportal.dapsimulator;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.common.VerificationException;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.util.JsonSerialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plays the DÁP app: reads the QR content, fetches the signed request object from its request_uri (a POST with
 * {@code wallet_nonce} and {@code wallet_metadata}, or as {@link RequestFetch} says), decrypts it when it asked for
 * an encrypted one, checks it as a strict wallet must (OID4VP 1.0 §5, §5.9.3 for {@code x509_san_dns} and
 * {@code x509_hash}, §5.10), and answers at the response_uri with a key-bound presentation of the chosen person's PID, or with {@code access_denied}: as form fields ({@code direct_post}) or
 * encrypted to the verifier's key ({@code direct_post.jwt}), as the request asks.
 */
public final class Wallet {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CLIENT_ID_PREFIX = "x509_san_dns:";
    private static final String HASH_PREFIX = "x509_hash:";
    private static final String REQUEST_OBJECT_MEDIA_TYPE = "application/oauth-authz-req+jwt";
    private static final String SELF_ISSUED = "https://self-issued.me/v2";
    private static final int SAN_DNS_NAME = 2;

    private final HttpClient http = HttpClient.newHttpClient();
    private final PidIssuer issuer;
    private final Map<String, Holder> holders = new LinkedHashMap<>();

    public Wallet(PidIssuer issuer) {
        this.issuer = issuer;
        TestIdentity.ALL.forEach(identity -> holders.put(identity.id(), new Holder()));
    }

    /** What the verifier's answer was to our POST at its response_uri. */
    public record Answer(int status, String body) {
    }

    /** Fetches (by a POST with typical metadata) and checks the request the QR content points to. */
    public VerifierRequest fetch(String invocationUri) {
        return fetch(invocationUri, RequestFetch.POST);
    }

    /** Fetches and checks the request the QR content points to; fails with a readable message when anything is off. */
    public VerifierRequest fetch(String invocationUri, RequestFetch how) {
        Map<String, String> parameters = queryOf(invocationUri);
        String clientId = required(parameters, "client_id");
        String requestUri = required(parameters, "request_uri");
        String method = parameters.getOrDefault("request_uri_method", "get");
        if (!"post".equals(method) && !"get".equals(method)) {
            throw new WalletException("request_uri_method must be get or post, not " + method);
        }
        if (!how.posts()) {
            return check(send(HttpRequest.newBuilder(URI.create(requestUri)).GET()), clientId, null);
        }
        String walletNonce = randomToken();
        RequestDecryption decryption = how.encryptedRequest() ? new RequestDecryption() : null;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("wallet_nonce", walletNonce);
        String metadata = how.walletMetadata(decryption == null ? null : decryption.jwk());
        if (metadata != null) {
            form.put("wallet_metadata", metadata);
        }
        String requestObject = send(HttpRequest.newBuilder(URI.create(requestUri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        return check(decryption == null ? requestObject : decryption.decrypt(requestObject), clientId, walletNonce);
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request.header("Accept", REQUEST_OBJECT_MEDIA_TYPE).build());
        if (response.statusCode() == 404) {
            throw new RequestGoneException("The verifier refused the request_uri (HTTP 404): " + response.body());
        }
        if (response.statusCode() != 200) {
            throw new WalletException("The verifier refused the request_uri (HTTP " + response.statusCode() + "): "
                    + response.body());
        }
        return response.body();
    }

    public Answer approve(VerifierRequest request, TestIdentity identity) {
        return approve(request, identity, request.nonce(), request.encryption() != null);
    }

    /**
     * Approves with a plain {@code direct_post} answer even when the request asked for an encrypted one: what a
     * wallet that ignores the verifier's response mode sends. For tests of the verifier.
     */
    public Answer approveUnencrypted(VerifierRequest request, TestIdentity identity) {
        return approve(request, identity, request.nonce(), false);
    }

    /**
     * Approves with the key binding made for another nonce: what a presentation captured from another login and
     * replayed here looks like. For tests of the verifier.
     */
    public Answer approveReplayed(VerifierRequest request, TestIdentity identity) {
        return approve(request, identity, "nonce-of-another-login", request.encryption() != null);
    }

    /** Approves with a PID that carries no {@code exp} (SD-JWT VC makes it optional). For tests of the verifier. */
    public Answer approveWithoutPidExpiry(VerifierRequest request, TestIdentity identity) {
        Holder holder = holders.get(identity.id());
        String issuance = issuer.issue(identity, holder.keys().getPublic(), PidIssuer.PID_VCT, Instant.now(), null);
        return present(request, holder, issuance, request.nonce(), request.encryption() != null);
    }

    /**
     * A PID for the identity, bound to this wallet's holder key, to present later with
     * {@link #approve(VerifierRequest, TestIdentity, String)}: what a real wallet keeps from its set-up. For load tests,
     * whose wallets must not spend their time issuing.
     */
    public String issue(TestIdentity identity) {
        return issuer.issue(identity, holders.get(identity.id()).keys().getPublic());
    }

    /** Approves with a PID this wallet was issued earlier ({@link #issue}), as the request asks. */
    public Answer approve(VerifierRequest request, TestIdentity identity, String issuance) {
        return present(request, holders.get(identity.id()), issuance, request.nonce(), request.encryption() != null);
    }

    private Answer approve(VerifierRequest request, TestIdentity identity, String nonce, boolean encrypt) {
        Holder holder = holders.get(identity.id());
        return present(request, holder, issuer.issue(identity, holder.keys().getPublic()), nonce, encrypt);
    }

    private Answer present(VerifierRequest request, Holder holder, String issuance, String nonce, boolean encrypt) {
        String presentation = holder.bind(Holder.disclose(issuance, request.claims()), request.clientId(),
                nonce, Instant.now());
        Map<String, Object> vpToken = Map.of("pid", List.of(presentation));
        if (encrypt) {
            // OID4VP 1.0 §8.3: the payload holds the response parameters, vp_token as a JSON object.
            return answer(request, Map.of("response", request.encryption().encrypt(
                    Map.of("vp_token", vpToken, "state", request.state()))));
        }
        return answer(request, Map.of("vp_token", json(vpToken), "state", request.state()));
    }

    public Answer decline(VerifierRequest request) {
        Map<String, String> error = Map.of("error", "access_denied",
                "error_description", "The user declined", "state", request.state());
        if (request.encryption() != null) {
            return answer(request, Map.of("response", request.encryption().encrypt(Map.copyOf(error))));
        }
        return answer(request, error);
    }

    private Answer answer(VerifierRequest request, Map<String, String> form) {
        HttpResponse<String> response = post(request.responseUri(), form);
        return new Answer(response.statusCode(), response.body());
    }

    /** @param walletNonce the one we sent, or null after a GET */
    private static VerifierRequest check(String requestObject, String clientId, String walletNonce) {
        try {
            JWSInput jws = new JWSInput(requestObject);
            JWSHeader header = jws.getHeader();
            if (!"oauth-authz-req+jwt".equals(header.getType())) {
                throw new WalletException("The request object's typ is not oauth-authz-req+jwt: " + header.getType());
            }
            if (header.getX5c() == null || header.getX5c().isEmpty()) {
                throw new WalletException("The request object has no x5c certificate chain");
            }
            X509Certificate leaf = certificate(header.getX5c().get(0));
            leaf.checkValidity();
            if (!Es256.verifier(leaf.getPublicKey()).verify(jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII),
                    jws.getSignature())) {
                throw new WalletException("The request object's signature does not match its certificate");
            }
            Map<String, Object> claims = JsonSerialization.readValue(jws.getContent(), new TypeReference<>() {
            });
            if (!clientId.equals(claims.get("client_id"))) {
                throw new WalletException("The request object's client_id differs from the QR's");
            }
            String responseUri = (String) claims.get("response_uri");
            if (responseUri == null) {
                throw new WalletException("The request object has no response_uri");
            }
            if (clientId.startsWith(HASH_PREFIX)) {
                if (!clientId.equals(HASH_PREFIX + sha256(leaf))) {
                    throw new WalletException("The client_id is not the x509_hash of the signing certificate");
                }
            } else if (!clientId.startsWith(CLIENT_ID_PREFIX) || !dnsNames(leaf).contains(clientId.substring(CLIENT_ID_PREFIX.length()))) {
                throw new WalletException("The client_id is not an x509_san_dns name of the signing certificate");
            } else if (!clientId.substring(CLIENT_ID_PREFIX.length()).equals(URI.create(responseUri).getHost())) {
                throw new WalletException("The response_uri's host is not the client_id's DNS name");
            }
            if (!SELF_ISSUED.equals(claims.get("aud"))) {
                throw new WalletException("The request object's aud is not " + SELF_ISSUED);
            }
            // x509_san_dns: every verifier metadata but the key comes from client_metadata (§5.9.3), and
            // vp_formats_supported is REQUIRED there (§5.1, §11.1).
            if (!(claims.get("client_metadata") instanceof Map<?, ?> clientMetadata)
                    || !(clientMetadata.get("vp_formats_supported") instanceof Map<?, ?> formats)
                    || !(formats.get("dc+sd-jwt") instanceof Map<?, ?>)) {
                throw new WalletException("The request object's client_metadata has no vp_formats_supported for dc+sd-jwt");
            }
            Object responseMode = claims.get("response_mode");
            if (!"vp_token".equals(claims.get("response_type"))
                    || !"direct_post".equals(responseMode) && !"direct_post.jwt".equals(responseMode)) {
                throw new WalletException("Only response_type=vp_token with response_mode direct_post or "
                        + "direct_post.jwt is supported");
            }
            ResponseEncryption encryption = "direct_post.jwt".equals(responseMode)
                    ? ResponseEncryption.of(claims.get("client_metadata")) : null;
            if (walletNonce != null && !walletNonce.equals(claims.get("wallet_nonce"))) {
                throw new WalletException("The request object does not echo our wallet_nonce");
            }
            Instant expiresAt = Instant.ofEpochSecond(((Number) claims.get("exp")).longValue());
            if (Instant.now().isAfter(expiresAt)) {
                throw new WalletException("The request object has expired");
            }
            DcqlRequest dcql = DcqlRequest.of(claims.get("dcql_query"));
            return new VerifierRequest(clientId, leaf.getSubjectX500Principal().getName(), responseUri,
                    (String) claims.get("nonce"), (String) claims.get("state"), dcql.vct(), dcql.claims(), expiresAt,
                    encryption);
        } catch (JWSInputException | VerificationException | IOException | java.security.GeneralSecurityException e) {
            throw new WalletException("The request object is not a valid signed JWT: " + e.getMessage());
        } catch (ClassCastException | NullPointerException e) {
            throw new WalletException("The request object lacks required parameters");
        }
    }

    /** The one credential query we understand: an SD-JWT VC of one type with top-level claim paths. */
    private record DcqlRequest(String vct, List<String> claims) {

        @SuppressWarnings("unchecked")
        static DcqlRequest of(Object query) {
            Map<String, Object> credential = ((List<Map<String, Object>>) ((Map<String, Object>) query).get("credentials")).get(0);
            if (!"pid".equals(credential.get("id")) || !"dc+sd-jwt".equals(credential.get("format"))) {
                throw new WalletException("The DCQL query does not ask for a dc+sd-jwt credential with id 'pid'");
            }
            String vct = ((List<String>) ((Map<String, Object>) credential.get("meta")).get("vct_values")).get(0);
            List<String> claims = new ArrayList<>();
            for (Map<String, Object> claim : (List<Map<String, Object>>) credential.get("claims")) {
                claims.add(((List<String>) claim.get("path")).get(0));
            }
            return new DcqlRequest(vct, claims);
        }
    }

    private static X509Certificate certificate(String base64Der) throws java.security.GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
    }

    private static String sha256(X509Certificate certificate) throws java.security.GeneralSecurityException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static List<String> dnsNames(X509Certificate certificate) throws java.security.GeneralSecurityException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        List<String> dnsNames = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                if (((Integer) name.get(0)) == SAN_DNS_NAME) {
                    dnsNames.add((String) name.get(1));
                }
            }
        }
        return dnsNames;
    }

    static Map<String, String> queryOf(String uri) {
        int query = uri.indexOf('?');
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query < 0) {
            throw new WalletException("Not an OID4VP request link (no parameters): " + uri);
        }
        for (String pair : uri.substring(query + 1).split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new WalletException("The request link has no " + name);
        }
        return value;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build());
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WalletException("Could not reach " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("Interrupted");
        }
    }

    static String json(Object value) {
        try {
            return JsonSerialization.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
