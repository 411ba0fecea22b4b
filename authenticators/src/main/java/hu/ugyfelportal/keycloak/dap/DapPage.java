package hu.ugyfelportal.keycloak.dap;

import hu.ugyfelportal.keycloak.dap.qr.QrOffer;

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
    private final boolean simulatorQr;

    /**
     * @param qr                the QR image and the same content as a link, for a phone that shows the page itself
     * @param qrScheme          how the QR's link starts; a plain-HTTP one is the DÁP simulator's (development only)
     * @param retryPauseSeconds the script's pause before it connects again; the no-JavaScript refresh is 3×
     * @param statusHoldSeconds how often the status stream sends a keep-alive (the script gives up on it a bit later)
     * @param linking           true when a logged-in user links DÁP rather than logs in
     */
    DapPage(QrOffer qr, String qrScheme, String pageUrl, String statusUrl, String cancelUrl,
            int retryPauseSeconds, int statusHoldSeconds, boolean linking) {
        this.qrImage = qr.image();
        this.walletLink = qr.link();
        this.pageUrl = pageUrl;
        this.statusUrl = statusUrl;
        this.cancelUrl = cancelUrl;
        this.retryPauseSeconds = retryPauseSeconds;
        this.statusHoldSeconds = statusHoldSeconds;
        this.linking = linking;
        // A real wallet is opened by its own scheme or an https link; plain http is the simulator of a local run.
        this.simulatorQr = qrScheme.startsWith("http://");
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

    /** True in a local run, where the QR holds the simulator's URL: the page shows it as text to paste there. */
    public boolean isSimulatorQr() {
        return simulatorQr;
    }
}
