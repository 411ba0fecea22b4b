package hu.ugyfelportal.keycloak.dap.protocol;

/**
 * Why we refuse a wallet's request_uri call because of its {@code wallet_metadata}: it is not readable
 * ({@link #malformed()}), or the wallet and we have nothing in common for some part of the request. The message is a
 * reason fit for the wallet's {@code error_description} and the event: it names parameters, never personal data.
 */
public final class WalletMetadataException extends Exception {

    public static final String INVALID_REQUEST = "invalid_request";
    /** OID4VP 1.0 §8.5: no credential format (or none of its algorithms) in common. */
    public static final String VP_FORMATS_NOT_SUPPORTED = "vp_formats_not_supported";

    private final String oauthError;
    private final boolean malformed;

    private WalletMetadataException(String oauthError, boolean malformed, String reason) {
        super(reason);
        this.oauthError = oauthError;
        this.malformed = malformed;
    }

    static WalletMetadataException malformed(String reason) {
        return new WalletMetadataException(INVALID_REQUEST, true, "wallet_metadata " + reason);
    }

    static WalletMetadataException unsupported(String oauthError, String reason) {
        return new WalletMetadataException(oauthError, false, reason);
    }

    /** The OAuth error code for the wallet: {@value #INVALID_REQUEST} or {@value #VP_FORMATS_NOT_SUPPORTED}. */
    public String oauthError() {
        return oauthError;
    }

    public boolean malformed() {
        return malformed;
    }
}
