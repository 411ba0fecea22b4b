package hu.ugyfelportal.keycloak.dap.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QrImageTest {

    private static final String CONTENT = "openid4vp://?client_id=x509_san_dns%3Aportal.example.hu&request_uri="
            + "https%3A%2F%2Fportal.example.hu%2Frealms%2Fugyfelportal%2Fbroker%2Fdap%2Fendpoint%2Frequest%2F"
            + "anKtCrdn6CAtAqNr0g85Qi0qpUbgsqGK&request_uri_method=post";

    @Test
    void thePngIsAStandardImageThatAScannerReadsBackToTheSameContent() throws Exception {
        String uri = QrImage.pngDataUri(CONTENT);
        assertThat(uri).startsWith("data:image/png;base64,");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));

        assertThat(image).as("read by Java's own PNG reader").isNotNull();
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isBetween(40, 120);
        assertThat(image.getRGB(0, 0) & 0xffffff).as("quiet zone").isEqualTo(0xffffff);
        assertThat(image.getRGB(2, 2) & 0xffffff).as("finder pattern's corner").isZero();
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(read).isEqualTo(CONTENT);
    }
}
