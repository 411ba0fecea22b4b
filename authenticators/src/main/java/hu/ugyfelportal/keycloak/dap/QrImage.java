package hu.ugyfelportal.keycloak.dap;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * The QR code as a PNG data URI, drawn on the server with the ZXing that Keycloak ships. It is drawn one pixel per
 * module and the page scales it up without smoothing (CSS {@code image-rendering: pixelated}): the browser shows the
 * same sharp code, and drawing takes a fraction of a full-size PNG's time.
 */
final class QrImage {

    /** Zero asks ZXing for its natural size: one pixel per module plus the quiet zone. */
    private static final int NATURAL_SIZE = 0;

    private QrImage() {
    }

    static String pngDataUri(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, NATURAL_SIZE, NATURAL_SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }
}
