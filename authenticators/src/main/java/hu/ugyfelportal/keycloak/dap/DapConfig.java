package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.protocol.ClientIdPrefix;
import hu.ugyfelportal.keycloak.dap.protocol.IssuerTrust;
import hu.ugyfelportal.keycloak.dap.protocol.Pem;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationVerifier;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.protocol.VerifierIdentity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The DÁP identity provider's settings, as the admin console stores them in the provider's config: every
 * DÁP-specific choice the public sources leave open, with its default and its validation in this one place.
 *
 * @param qrScheme               how the QR link starts: the wallet's custom scheme or its https link
 * @param credentialType         the PID's {@code vct}
 * @param requestedClaims        the PID claims asked for (DCQL claim paths, top level)
 * @param subjectClaims          the requested claims that together identify the person for good
 * @param responseMode           {@code direct_post.jwt} (encrypted answers, the default) or {@code direct_post}
 * @param trustedIssuers         PEM certificates of the PID issuers' signing keys (pinned)
 * @param trustedIssuerCas       PEM CA certificates that a PID's {@code x5c} issuer chain may lead to
 * @param signingKey             PEM PKCS#8 EC P-256 key that signs our request objects
 * @param signingCertificates    PEM chain for that key, leaf first; its DNS name is our client_id
 * @param requestLifetimeSeconds how long a QR code and its request stay usable
 * @param keyBindingMaxAgeSeconds how old the wallet's key-binding JWT may be
 * @param clockSkewSeconds       clock difference tolerated with the wallet and the issuer
 * @param pollIntervalSeconds    the QR page's pause before it connects again after a broken stream or a busy answer
 *                               (it otherwise waits on one open status stream); also its no-JavaScript refresh, times three
 * @param statusHoldSeconds      how often the QR page's status stream gets a keep-alive while it waits; keep it below
 *                               the idle timeout of any reverse proxy in front of Keycloak
 * @param requirePidExpiry       whether a PID without {@code exp} is refused (the default; SD-JWT VC makes it optional)
 * @param clientIdPrefix         how the client_id names our certificate: {@code x509_san_dns} or {@code x509_hash}
 * @param statusList             how the PID's status list is fetched and cached
 */
public record DapConfig(String qrScheme, String credentialType, List<String> requestedClaims,
                        List<String> subjectClaims, String responseMode, String trustedIssuers,
                        String trustedIssuerCas, String signingKey,
                        String signingCertificates, int requestLifetimeSeconds, int keyBindingMaxAgeSeconds,
                        int clockSkewSeconds, int pollIntervalSeconds, int statusHoldSeconds, boolean requirePidExpiry,
                        String clientIdPrefix, StatusListSettings statusList) {

    public static final String QR_SCHEME = "dapQrScheme";
    public static final String CREDENTIAL_TYPE = "dapCredentialType";
    public static final String REQUESTED_CLAIMS = "dapRequestedClaims";
    public static final String SUBJECT_CLAIMS = "dapSubjectClaims";
    public static final String RESPONSE_MODE = "dapResponseMode";
    public static final String TRUSTED_ISSUERS = "dapTrustedIssuerCertificates";
    public static final String TRUSTED_ISSUER_CAS = "dapTrustedIssuerCaCertificates";
    public static final String SIGNING_KEY = "dapSigningKey";
    public static final String SIGNING_CERTIFICATES = "dapSigningCertificateChain";
    public static final String REQUEST_LIFETIME = "dapRequestLifetimeSeconds";
    public static final String KEY_BINDING_MAX_AGE = "dapKeyBindingMaxAgeSeconds";
    public static final String CLOCK_SKEW = "dapClockSkewSeconds";
    public static final String POLL_INTERVAL = "dapPollIntervalSeconds";
    public static final String STATUS_HOLD = "dapStatusHoldSeconds";
    public static final String REQUIRE_PID_EXPIRY = "dapRequirePidExpiry";
    public static final String CLIENT_ID_PREFIX = "dapClientIdPrefix";

    public static final String DEFAULT_QR_SCHEME = "openid4vp://";
    public static final String DEFAULT_CREDENTIAL_TYPE = "urn:eudi:pid:1";
    public static final String DEFAULT_REQUESTED_CLAIMS = "family_name,given_name,birthdate,personal_administrative_number";
    public static final String DEFAULT_SUBJECT_CLAIMS = "personal_administrative_number";
    public static final String DEFAULT_RESPONSE_MODE = ResponseMode.DIRECT_POST_JWT.parameter();
    public static final int DEFAULT_REQUEST_LIFETIME = 120;
    public static final int DEFAULT_KEY_BINDING_MAX_AGE = 300;
    public static final int DEFAULT_CLOCK_SKEW = 10;
    public static final int DEFAULT_POLL_INTERVAL = 2;
    /** Below the 60 s idle timeout common to reverse proxies and load balancers (nginx, AWS ALB). */
    public static final int DEFAULT_STATUS_HOLD = 50;
    public static final boolean DEFAULT_REQUIRE_PID_EXPIRY = true;
    public static final String DEFAULT_CLIENT_ID_PREFIX = ClientIdPrefix.X509_SAN_DNS.value();

    public DapConfig {
        if (qrScheme.isBlank() || qrScheme.contains(" ")) {
            throw new IllegalArgumentException(QR_SCHEME + ": a URI scheme such as openid4vp:// or an https link");
        }
        if (requestedClaims.isEmpty()) {
            throw new IllegalArgumentException(REQUESTED_CLAIMS + ": at least one PID claim");
        }
        if (subjectClaims.isEmpty() || !requestedClaims.containsAll(subjectClaims)) {
            throw new IllegalArgumentException(SUBJECT_CLAIMS + ": one or more of the requested claims");
        }
        try {
            ResponseMode.of(responseMode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RESPONSE_MODE + ": " + e.getMessage(), e);
        }
        try {
            ClientIdPrefix.of(clientIdPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CLIENT_ID_PREFIX + ": " + e.getMessage(), e);
        }
        requireBetween(REQUEST_LIFETIME, requestLifetimeSeconds, 5, 600);
        requireBetween(KEY_BINDING_MAX_AGE, keyBindingMaxAgeSeconds, 10, 3600);
        requireBetween(CLOCK_SKEW, clockSkewSeconds, 0, 300);
        requireBetween(POLL_INTERVAL, pollIntervalSeconds, 1, 30);
        requireBetween(STATUS_HOLD, statusHoldSeconds, 1, 300);
        requestedClaims = List.copyOf(requestedClaims);
        subjectClaims = List.copyOf(subjectClaims);
        // The fields are not assigned yet inside this compact constructor, so the checks take the parameters.
        if (!trustedIssuers.isBlank() || !trustedIssuerCas.isBlank()) {
            issuerTrust(trustedIssuers, trustedIssuerCas);
        }
        if (!signingKey.isBlank() || !signingCertificates.isBlank()) {
            verifierIdentity(signingKey, signingCertificates, ClientIdPrefix.of(clientIdPrefix));
        }
    }

    public static DapConfig from(Map<String, String> config) {
        return new DapConfig(
                text(config, QR_SCHEME, DEFAULT_QR_SCHEME),
                text(config, CREDENTIAL_TYPE, DEFAULT_CREDENTIAL_TYPE),
                list(text(config, REQUESTED_CLAIMS, DEFAULT_REQUESTED_CLAIMS)),
                list(text(config, SUBJECT_CLAIMS, DEFAULT_SUBJECT_CLAIMS)),
                text(config, RESPONSE_MODE, DEFAULT_RESPONSE_MODE),
                text(config, TRUSTED_ISSUERS, ""),
                text(config, TRUSTED_ISSUER_CAS, ""),
                text(config, SIGNING_KEY, ""),
                text(config, SIGNING_CERTIFICATES, ""),
                number(config, REQUEST_LIFETIME, DEFAULT_REQUEST_LIFETIME),
                number(config, KEY_BINDING_MAX_AGE, DEFAULT_KEY_BINDING_MAX_AGE),
                number(config, CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
                number(config, POLL_INTERVAL, DEFAULT_POLL_INTERVAL),
                number(config, STATUS_HOLD, DEFAULT_STATUS_HOLD),
                bool(config, REQUIRE_PID_EXPIRY, DEFAULT_REQUIRE_PID_EXPIRY),
                text(config, CLIENT_ID_PREFIX, DEFAULT_CLIENT_ID_PREFIX),
                StatusListSettings.from(config));
    }

    /** False until the keys and trusted issuers (or their CAs) are set: a realm may be imported before DÁP is connected. */
    public boolean isComplete() {
        return (!trustedIssuers.isBlank() || !trustedIssuerCas.isBlank()) && !signingKey.isBlank()
                && !signingCertificates.isBlank();
    }

    public ResponseMode mode() {
        return ResponseMode.of(responseMode);
    }

    public VerifierIdentity verifierIdentity() {
        return verifierIdentity(signingKey, signingCertificates, ClientIdPrefix.of(clientIdPrefix));
    }

    public PresentationVerifier presentationVerifier() {
        return new PresentationVerifier(issuerTrust(trustedIssuers, trustedIssuerCas), credentialType,
                keyBindingMaxAgeSeconds, clockSkewSeconds, requirePidExpiry);
    }

    private static VerifierIdentity verifierIdentity(String signingKey, String signingCertificates, ClientIdPrefix prefix) {
        try {
            return VerifierIdentity.fromPem(signingKey, signingCertificates, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SIGNING_KEY + " / " + SIGNING_CERTIFICATES + ": " + e.getMessage(), e);
        }
    }

    private static IssuerTrust issuerTrust(String trustedIssuers, String trustedIssuerCas) {
        try {
            return new IssuerTrust(Pem.certificates(trustedIssuers), Pem.certificates(trustedIssuerCas));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRUSTED_ISSUERS + " / " + TRUSTED_ISSUER_CAS + ": " + e.getMessage(), e);
        }
    }

    static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": between " + min + " and " + max + " seconds, not " + value);
        }
    }

    static String text(Map<String, String> config, String key, String defaultValue) {
        String value = config.get(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static int number(Map<String, String> config, String key, int defaultValue) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": a whole number of seconds, not '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> config, String key, boolean defaultValue) {
        String value = text(config, key, String.valueOf(defaultValue));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + ": true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(claim -> !claim.isEmpty()).toList();
    }
}
