package hu.ugyfelportal.keycloak.dap;

/**
 * What the QR page template ({@code dap-qr.ftl}) shows, as the FreeMarker bean {@code dap}.
 *
 * @param qrImage    the QR as a PNG data URI
 * @param walletLink the same content as a link, for a phone that shows the page itself (same device)
 * @param linking    true when a logged-in user links DÁP rather than logs in
 */
public record DapPage(String qrImage, String walletLink, String pageUrl, String statusUrl, String cancelUrl,
                      int pollIntervalSeconds, boolean linking) {

    /** FreeMarker reads JavaBean getters, so the record components are offered under those names too. */
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
