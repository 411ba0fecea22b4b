package hu.ugyfelportal.keycloak.dap.qr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long one QR image takes to draw (run by scripts/benchmark.sh, not by the normal tests; target < 2 ms).
 * The content is as long as a real QR link: scheme, x509_san_dns client id and a request_uri with a 43-char id.
 */
class QrImageBenchmark {

    private static final String CONTENT = "openid4vp://?client_id=x509_san_dns%3Augyfelportal.example.hu"
            + "&request_uri=https%3A%2F%2Fugyfelportal.example.hu%2Frealms%2Fugyfelportal%2Fbroker%2Fdap%2Fendpoint"
            + "%2Frequest%2FAbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfG&request_uri_method=post";
    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 5_000;

    @Test
    void drawingOneQrCode() {
        for (int i = 0; i < WARM_UP; i++) {
            QrImage.pngDataUri(CONTENT + i);
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            String image = QrImage.pngDataUri(CONTENT + i);
            nanos[i] = System.nanoTime() - start;
            assertThat(image).startsWith("data:image/png;base64,");
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElseThrow() / 1e6;
        System.out.printf("%nQR image (PNG data URI, one pixel per module): mean %.3f ms, p50 %.3f ms, p99 %.3f ms over %d draws "
                        + "(target < 2 ms: %s)%n%n", mean, nanos[MEASURED / 2] / 1e6, nanos[MEASURED * 99 / 100] / 1e6,
                MEASURED, mean < 2 ? "met" : "NOT met");
    }
}
