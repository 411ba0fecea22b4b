package hu.ugyfelportal.keycloak.dap.qr;

import hu.ugyfelportal.keycloak.dap.protocol.WalletInvocation;
import hu.ugyfelportal.keycloak.dap.service.DapConfig;

/**
 * One QR as the page shows it: the wallet link (request by reference) and the same link drawn as a QR image.
 *
 * @param link  the QR's content, also the same-device link
 * @param image the QR as a PNG data URI
 */
public record QrOffer(String link, String image) {

    /** @param endpointUri the DÁP endpoint's URL ({@code …/broker/{alias}/endpoint}), whose request_uri the QR names */
    public static QrOffer of(DapConfig config, String endpointUri, String requestId) {
        String link = WalletInvocation.uri(config.qrScheme(), config.verifierIdentity().clientId(),
                endpointUri + "/request/" + requestId);
        return new QrOffer(link, QrImage.pngDataUri(link));
    }
}
