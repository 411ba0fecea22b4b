package hu.ugyfelportal.keycloak.dap;

/** What the QR page template ({@code dap-qr.ftl}) shows, as the FreeMarker bean {@code dap}. */
public final class DapPage {

    private final String qrImage;
    private final String walletLink;
    private final String pageUrl;
    private final String statusUrl;
    private final String cancelUrl;
    private final int pollIntervalSeconds;
    private final boolean linking;

    /**
     * @param qrImage    the QR as a PNG data URI
     * @param walletLink the same content as a link, for a phone that shows the page itself (same device)
     * @param linking    true when a logged-in user links DÁP rather than logs in
     */
    DapPage(String qrImage, String walletLink, String pageUrl, String statusUrl, String cancelUrl,
            int pollIntervalSeconds, boolean linking) {
        this.qrImage = qrImage;
        this.walletLink = walletLink;
        this.pageUrl = pageUrl;
        this.statusUrl = statusUrl;
        this.cancelUrl = cancelUrl;
        this.pollIntervalSeconds = pollIntervalSeconds;
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

    public int getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public boolean isLinking() {
        return linking;
    }
}
