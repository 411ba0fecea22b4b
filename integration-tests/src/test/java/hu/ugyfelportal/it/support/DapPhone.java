package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import hu.ugyfelportal.dapsimulator.PidIssuer;
import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.dapsimulator.VerifierRequest;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.demoportal.OAuthValues;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.keycloak.util.JsonSerialization;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's phone in the tests: reads the QR image on the DÁP page (decoded with ZXing, as a camera app
 * would) and hands its content to the DÁP simulator's HTTP API, which fetches the signed request and answers.
 */
public final class DapPhone {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String simulatorUrl;
    private final PidIssuer issuer;

    /** @param issuer the simulator's PID issuer, for a wallet played in this process ({@link #replayTellingTheNonce}) */
    DapPhone(String simulatorUrl, PidIssuer issuer) {
        this.simulatorUrl = simulatorUrl;
        this.issuer = issuer;
    }

    /** A replayed answer, and the nonce of the request it was sent for (the secret that must never be recorded). */
    public record Replay(int verifierStatus, String requestNonce) {
    }

    /**
     * {@link #replay}, played by a wallet in this process with the simulator's PID issuer, so that the test learns the
     * nonce Keycloak's request carried.
     */
    public Replay replayTellingTheNonce(String qrContent, String identity) {
        Wallet wallet = new Wallet(issuer);
        VerifierRequest request = wallet.fetch(qrContent);
        return new Replay(wallet.approveReplayed(request, TestIdentity.byId(identity)).status(), request.nonce());
    }

    /** What the simulator reported: the verifier's HTTP answer at its response_uri, or the wallet's refusal. */
    public record Outcome(int status, Map<String, Object> body) {

        public int verifierStatus() {
            Object status = body.get("verifierStatus");
            if (status == null) {
                throw new AssertionError("The wallet did not answer the verifier: " + body);
            }
            return ((Number) status).intValue();
        }

        public String error() {
            return (String) body.get("error");
        }
    }

    /** The content of the QR code shown on the page, read from the image itself. */
    public static String scan(Page page) {
        Element image = page.document().selectFirst("#dap-qr-image");
        if (image == null) {
            throw new AssertionError("No DÁP QR code on the page: " + page);
        }
        return scan(image.attr("src"));
    }

    /** The content of a QR code given as the {@code src} of its image (an inline PNG). */
    public static String scan(String source) {
        String prefix = "data:image/png;base64,";
        if (!source.startsWith(prefix)) {
            throw new AssertionError("The QR image is not an inline PNG: " + source.substring(0, Math.min(40, source.length())));
        }
        try {
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(source.substring(prefix.length()))));
            // The image is drawn by a program, not photographed: tell the reader so, as a camera app's scanner adapts.
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(png))),
                    Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            throw new AssertionError("The QR code could not be read", e);
        }
    }

    /** The request_uri a wallet reads from the QR content, decoded. */
    public static String requestUri(String qrContent) {
        for (String pair : qrContent.substring(qrContent.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("request_uri=")) {
                return URLDecoder.decode(pair.substring("request_uri=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No request_uri in " + qrContent);
    }

    public Outcome approve(String qrContent, String identity) {
        return post("/api/approve", Map.of("uri", qrContent, "identity", identity));
    }

    /**
     * Approves as a wallet that fetches the request its own way: {@code get}, {@code post-no-metadata},
     * {@code post-no-overlap}, {@code post-no-es256}, {@code post-malformed-metadata}, {@code post-encrypted-request}
     * (the simulator's {@code RequestFetch}); {@link #approve(String, String)} is a POST with typical wallet metadata.
     */
    public Outcome approve(String qrContent, String identity, String fetch) {
        return post("/api/approve", Map.of("uri", qrContent, "identity", identity, "fetch", fetch));
    }

    /** Answers with a presentation whose key binding was made for another login's nonce. */
    public Outcome replay(String qrContent, String identity) {
        return post("/api/replay", Map.of("uri", qrContent, "identity", identity));
    }

    /** Answers with a PID that carries no {@code exp}. */
    public Outcome approveWithoutPidExpiry(String qrContent, String identity) {
        return post("/api/approve-without-expiry", Map.of("uri", qrContent, "identity", identity));
    }

    /** Answers with a plain direct_post form even where the request asks for an encrypted answer. */
    public Outcome approveUnencrypted(String qrContent, String identity) {
        return post("/api/approve-unencrypted", Map.of("uri", qrContent, "identity", identity));
    }

    /** The simulator's PID issuer signing certificate (PEM), for a realm that pins it. */
    public String issuerCertificatePem() {
        return get("/issuer-certificate.pem");
    }

    /** The PID issuer marks the identity's PID {@code valid}, {@code revoked} or {@code suspended} in its status list. */
    public void setPidStatus(String identity, String status) {
        expectOk(post("/api/status", Map.of("identity", identity, "status", status)));
    }

    /**
     * How the issuer serves its status lists: {@code normal}, {@code unavailable} (503), {@code hanging},
     * {@code untrusted-key}, {@code other-sub} or {@code expired}.
     */
    public void serveStatusList(String mode) {
        expectOk(post("/api/status-list/serve", Map.of("mode", mode)));
    }

    /** PIDs issued from now on name a new status list, which Keycloak has not cached yet; returns its URI. */
    public String newStatusList() {
        return (String) expectOk(post("/api/status-list/new", Map.of())).body().get("uri");
    }

    /** How often the status list at {@code uri} has been fetched. */
    public int statusListFetches(String uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl
                    + "/api/status-list/fetches?uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = JsonSerialization.readValue(response.body(), new TypeReference<>() {
            });
            return ((Number) body.get("fetches")).intValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Outcome expectOk(Outcome outcome) {
        if (outcome.status() != 200) {
            throw new AssertionError("The simulator refused: " + outcome.body());
        }
        return outcome;
    }

    public Outcome decline(String qrContent) {
        return post("/api/decline", Map.of("uri", qrContent));
    }

    /** Where the simulator takes QR links: the QR scheme of a local run ({@code UGYFELPORTAL_DAP_QR_SCHEME}). */
    public String walletUrl() {
        return simulatorUrl + "/wallet";
    }

    /** The simulator's start page, as a newcomer opens it, as text. */
    public String startPage() {
        return Jsoup.parse(get("/")).text();
    }

    /**
     * The customer pastes the QR's content into the simulator's own web page, as on a desktop: the wallet fetches
     * the request at once and shows who asks; the decision comes later ({@link WalletPage#approve}).
     */
    public WalletPage paste(String qrContent) {
        return new WalletPage(postPage("/requests", Map.of("uri", qrContent)));
    }

    /** A page of the simulator's web interface. */
    public final class WalletPage {
        private final Document page;

        private WalletPage(Document page) {
            this.page = page;
        }

        public String text() {
            return page.text();
        }

        /** Clicks Approve with this identity; the verifier's HTTP status that the simulator reports. */
        public int approve(String identity) {
            Element form = page.selectFirst("form[action$=/approve]");
            if (form == null) {
                throw new AssertionError("The simulator shows no request to approve: " + page.text());
            }
            Document answered = postPage(form.attr("action"), Map.of("identity", identity));
            Matcher status = Pattern.compile("The verifier answered HTTP (\\d+)").matcher(answered.text());
            if (!status.find()) {
                throw new AssertionError("The simulator did not report the verifier's answer: " + answered.text());
            }
            return Integer.parseInt(status.group(1));
        }
    }

    private Document postPage(String path, Map<String, String> form) {
        return Jsoup.parse(postForm(path, form).body(), simulatorUrl);
    }

    private Outcome post(String path, Map<String, String> form) {
        HttpResponse<String> response = postForm(path, form);
        try {
            return new Outcome(response.statusCode(), JsonSerialization.readValue(response.body(), new TypeReference<>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(simulatorUrl + path)).build()).body();
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(simulatorUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthValues.form(form))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
