package hu.ugyfelportal.keycloak.dap;

/** What the QR page template ({@code dap-qr.ftl}) shows, as the FreeMarker bean {@code dap}. */
public final class DapPage {

    private final String qrImage;
    private final String walletLink;
    private final String pageUrl;
    private final String statusUrl;
    private final String cancelUrl;
    private final int retryPauseSeconds;
    private final int statusHoldSeconds;
    private final boolean linking;

    /**
     * @param qrImage    the QR as a PNG data URI
     * @param walletLink        the same content as a link, for a phone that shows the page itself (same device)
     * @param retryPauseSeconds the script's pause after an error or a busy answer; the no-JavaScript refresh is 3×
     * @param statusHoldSeconds how long the server holds one status request (the script gives up on it a bit later)
     * @param linking           true when a logged-in user links DÁP rather than logs in
     */
    DapPage(String qrImage, String walletLink, String pageUrl, String statusUrl, String cancelUrl,
            int retryPauseSeconds, int statusHoldSeconds, boolean linking) {
        this.qrImage = qrImage;
        this.walletLink = walletLink;
        this.pageUrl = pageUrl;
        this.statusUrl = statusUrl;
        this.cancelUrl = cancelUrl;
        this.retryPauseSeconds = retryPauseSeconds;
        this.statusHoldSeconds = statusHoldSeconds;
        this.linking = linking;
    }

    public String getQrImage() {
        return qrImage;
    }

    public String getWalletLink() {
        return walletLink;
    }

    public String getPageUrl() {
        return pageUrl;
    }

    public String getStatusUrl() {
        return statusUrl;
    }

    public String getCancelUrl() {
        return cancelUrl;
    }

    public int getRetryPauseSeconds() {
        return retryPauseSeconds;
    }

    public int getStatusHoldSeconds() {
        return statusHoldSeconds;
    }

    public boolean isLinking() {
        return linking;
    }
}
