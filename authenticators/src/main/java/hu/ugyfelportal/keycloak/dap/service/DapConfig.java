package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import hu.ugyfelportal.keycloak.dap.protocol.ClientIdPrefix;
import hu.ugyfelportal.keycloak.dap.protocol.IssuerTrust;
import hu.ugyfelportal.keycloak.dap.protocol.Pem;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationVerifier;
import hu.ugyfelportal.keycloak.dap.protocol.ResponseMode;
import hu.ugyfelportal.keycloak.dap.protocol.VerifierIdentity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The DÁP identity provider's settings, as the admin console stores them in the provider's config: every
 * DÁP-specific choice the public sources leave open, with its default and its validation in this one place. Read
 * once per configuration ({@link #from}): the PEM key and certificates are parsed here, not on each request.
 *
 * @param qrScheme               how the QR link starts: the wallet's custom scheme or its https link
 * @param credentialType         the PID's {@code vct}
 * @param requestedClaims        the PID claims asked for (DCQL claim paths, top level)
 * @param subjectClaims          the requested claims that together identify the person for good
 * @param mode                   {@code direct_post.jwt} (encrypted answers, the default) or {@code direct_post}
 * @param verifierIdentity       our request-object signing key and its chain (whose leaf names our client_id);
 *                               null until it is set ({@link #isComplete()}); the key's setting is a vault reference
 *                               ({@code ${vault.dap-signing-key}}), resolved before {@link #from} reads it
 * @param presentationVerifier   how a PID is checked, with the trusted issuers (pinned certificates, CAs); null
 *                               until they are set ({@link #isComplete()})
 * @param requestLifetimeSeconds how long a QR code and its request stay usable
 * @param keyBindingMaxAgeSeconds how old the wallet's key-binding JWT may be
 * @param clockSkewSeconds       clock difference tolerated with the wallet and the issuer
 * @param pollIntervalSeconds    the QR page's pause before it connects again after a broken stream or a busy answer
 *                               (it otherwise waits on one open status stream); also its no-JavaScript refresh, times three
 * @param statusHoldSeconds      how often the QR page's status stream gets a keep-alive while it waits; keep it below
 *                               the idle timeout of any reverse proxy in front of Keycloak
 * @param clientIdPrefix         how the client_id names our certificate: {@code x509_san_dns} or {@code x509_hash}
 * @param statusList             how the PID's status list is fetched and cached
 */
public record DapConfig(String qrScheme, String credentialType, List<String> requestedClaims,
                        List<String> subjectClaims, ResponseMode mode, VerifierIdentity verifierIdentity,
                        PresentationVerifier presentationVerifier, int requestLifetimeSeconds,
                        int keyBindingMaxAgeSeconds, int clockSkewSeconds, int pollIntervalSeconds,
                        int statusHoldSeconds, ClientIdPrefix clientIdPrefix, StatusListSettings statusList) {

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
    public static final ResponseMode DEFAULT_RESPONSE_MODE = ResponseMode.DIRECT_POST_JWT;
    public static final int DEFAULT_REQUEST_LIFETIME = 120;
    public static final int DEFAULT_KEY_BINDING_MAX_AGE = 300;
    public static final int DEFAULT_CLOCK_SKEW = 10;
    public static final int DEFAULT_POLL_INTERVAL = 2;
    /** Below the 60 s idle timeout common to reverse proxies and load balancers (nginx, AWS ALB). */
    public static final int DEFAULT_STATUS_HOLD = 50;
    /** A PID without {@code exp} is refused unless this is turned off (SD-JWT VC makes {@code exp} optional). */
    public static final boolean DEFAULT_REQUIRE_PID_EXPIRY = true;
    public static final ClientIdPrefix DEFAULT_CLIENT_ID_PREFIX = ClientIdPrefix.X509_SAN_DNS;
    /** Keycloak's own syntax, as its vault transcriber reads it: {@code ${vault.<entry>}}. */
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.(.+?)}$");

    public DapConfig {
        requestedClaims = List.copyOf(requestedClaims);
        subjectClaims = List.copyOf(subjectClaims);
    }

    /**
     * @throws ConfigReader.InvalidSettingsException naming every wrong setting (never a key's content)
     */
    public static DapConfig from(Map<String, String> config) {
        ConfigReader read = new ConfigReader("DÁP identity provider", config);
        String qrScheme = read.text(QR_SCHEME, DEFAULT_QR_SCHEME);
        if (qrScheme.contains(" ")) {
            read.problem(QR_SCHEME + ": a URI scheme such as openid4vp:// or an https link");
        }
        String credentialType = read.text(CREDENTIAL_TYPE, DEFAULT_CREDENTIAL_TYPE);
        List<String> requestedClaims = read.list(REQUESTED_CLAIMS, DEFAULT_REQUESTED_CLAIMS);
        if (requestedClaims.isEmpty()) {
            read.problem(REQUESTED_CLAIMS + ": at least one PID claim");
        }
        List<String> subjectClaims = read.list(SUBJECT_CLAIMS, DEFAULT_SUBJECT_CLAIMS);
        if (subjectClaims.isEmpty() || !requestedClaims.containsAll(subjectClaims)) {
            read.problem(SUBJECT_CLAIMS + ": one or more of the requested claims");
        }
        ResponseMode mode = read.oneOf(RESPONSE_MODE, ResponseMode.class, ResponseMode::parameter, DEFAULT_RESPONSE_MODE);
        ClientIdPrefix clientIdPrefix = read.oneOf(CLIENT_ID_PREFIX, ClientIdPrefix.class, ClientIdPrefix::value,
                DEFAULT_CLIENT_ID_PREFIX);
        int requestLifetime = read.wholeNumber(REQUEST_LIFETIME, 5, 600, DEFAULT_REQUEST_LIFETIME);
        int keyBindingMaxAge = read.wholeNumber(KEY_BINDING_MAX_AGE, 10, 3600, DEFAULT_KEY_BINDING_MAX_AGE);
        int clockSkew = read.wholeNumber(CLOCK_SKEW, 0, 300, DEFAULT_CLOCK_SKEW);
        int pollInterval = read.wholeNumber(POLL_INTERVAL, 1, 30, DEFAULT_POLL_INTERVAL);
        int statusHold = read.wholeNumber(STATUS_HOLD, 1, 300, DEFAULT_STATUS_HOLD);
        boolean requirePidExpiry = read.bool(REQUIRE_PID_EXPIRY, DEFAULT_REQUIRE_PID_EXPIRY);
        VerifierIdentity verifier = verifierIdentity(read, clientIdPrefix);
        IssuerTrust trust = issuerTrust(read);
        StatusListSettings statusList = StatusListSettings.read(read);
        read.finish();
        PresentationVerifier presentationVerifier = trust == null ? null
                : new PresentationVerifier(trust, credentialType, keyBindingMaxAge, clockSkew, requirePidExpiry);
        return new DapConfig(qrScheme, credentialType, requestedClaims, subjectClaims, mode, verifier,
                presentationVerifier, requestLifetime, keyBindingMaxAge, clockSkew, pollInterval, statusHold,
                clientIdPrefix, statusList);
    }

    /** False until the keys and trusted issuers (or their CAs) are set: a realm may be imported before DÁP is connected. */
    public boolean isComplete() {
        return verifierIdentity != null && presentationVerifier != null;
    }

    /** Whether a setting's value names an entry of Keycloak's vault rather than holding the secret itself. */
    public static boolean isVaultReference(String value) {
        return value != null && VAULT_REFERENCE.matcher(value.trim()).matches();
    }

    /**
     * The signing key and its chain, parsed each on its own and then checked together; null while neither is set.
     * The key arrives with its vault reference resolved; one still there names an entry the vault does not have,
     * which is "not set" until the chain is set too (a realm may be imported before DÁP is connected).
     */
    private static VerifierIdentity verifierIdentity(ConfigReader read, ClientIdPrefix prefix) {
        String keyValue = read.text(SIGNING_KEY, "");
        boolean keyNotInVault = isVaultReference(keyValue);
        boolean keySet = !keyValue.isEmpty() && !keyNotInVault;
        boolean chainSet = !read.text(SIGNING_CERTIFICATES, "").isEmpty();
        if (keyNotInVault && chainSet) {
            read.problem(SIGNING_KEY + ": the vault has no entry for " + keyValue);
            return null;
        }
        PrivateKey key = keySet ? read.parsed(SIGNING_KEY, Pem::ecPrivateKey, null) : null;
        List<X509Certificate> chain = read.parsed(SIGNING_CERTIFICATES, Pem::certificates, null);
        if (!keySet && !chainSet || keySet && key == null || chainSet && chain == null) {
            return null; // not set, or a parse problem already noted
        }
        try {
            return new VerifierIdentity(key, chain == null ? List.of() : chain, prefix);
        } catch (IllegalArgumentException e) {
            read.problem(SIGNING_KEY + " / " + SIGNING_CERTIFICATES + ": " + e.getMessage());
            return null;
        }
    }

    /** The pinned issuer certificates and the CAs, parsed each on its own and then checked together; null while neither is set. */
    private static IssuerTrust issuerTrust(ConfigReader read) {
        List<X509Certificate> pinned = read.parsed(TRUSTED_ISSUERS, Pem::certificates, List.of());
        List<X509Certificate> anchors = read.parsed(TRUSTED_ISSUER_CAS, Pem::certificates, List.of());
        if (pinned.isEmpty() && anchors.isEmpty()) {
            return null; // not set, or a parse problem already noted
        }
        try {
            return new IssuerTrust(pinned, anchors);
        } catch (IllegalArgumentException e) {
            read.problem(TRUSTED_ISSUERS + " / " + TRUSTED_ISSUER_CAS + ": " + e.getMessage());
            return null;
        }
    }
}
