package hu.ugyfelportal.keycloak.dap.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The QR code as a PNG data URI, encoded with the ZXing that Keycloak ships. It is drawn one pixel per module and
 * the page scales it up without smoothing (CSS {@code image-rendering: pixelated}): the browser shows the same sharp
 * code, and drawing takes a fraction of a full-size PNG's time.
 * <p>
 * The PNG is written here, as a 1-bit greyscale image, rather than through Java's image I/O: a waiting page gets a
 * new QR every couple of minutes, and image I/O took most of each QR's drawing time.
 */
final class QrImage {

    /** Zero asks ZXing for its natural size: one pixel per module plus the quiet zone. */
    private static final int NATURAL_SIZE = 0;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte BIT_DEPTH_1 = 1;
    private static final byte GREYSCALE = 0;
    private static final byte NO_FILTER = 0;

    private QrImage() {
    }

    static String pngDataUri(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, NATURAL_SIZE, NATURAL_SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(matrix));
        } catch (WriterException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }

    /** Dark modules black (0), the rest white (1), eight pixels a byte, each row unfiltered. */
    static byte[] png(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        int rowBytes = (width + 7) / 8;
        byte[] pixels = new byte[height * (rowBytes + 1)];
        for (int y = 0; y < height; y++) {
            int row = y * (rowBytes + 1);
            pixels[row] = NO_FILTER;
            for (int x = 0; x < width; x++) {
                if (!matrix.get(x, y)) {
                    pixels[row + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(512);
        png.writeBytes(PNG_SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put(BIT_DEPTH_1).put(GREYSCALE).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflate(pixels));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
