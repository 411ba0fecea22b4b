package hu.ugyfelportal.mailcatcher;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboxWebPageTest {

    @Test
    void newestMailIsOnTopAcrossRecipientsWithItsTime() throws Exception {
        int smtpPort = freePort();
        int webPort = freePort();
        try (MailCatcher catcher = new MailCatcher(smtpPort); InboxWebPage page = new InboxWebPage(catcher, webPort)) {
            catcher.start();
            page.start();
            ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            // GreenMail keeps mails per mailbox: b's second mail would sit beside its first, below a's, if grouped.
            send(smtp, "b@example.hu", "first code for b");
            send(smtp, "a@example.hu", "code for a");
            send(smtp, "b@example.hu", "second code for b");

            String html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + webPort + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();

            assertThat(html.indexOf("second code for b")).isPositive()
                    .isLessThan(html.indexOf("code for a"));
            assertThat(html.indexOf("code for a")).isLessThan(html.indexOf("first code for b"));
            assertThat(html).containsPattern("<time datetime=\"[^\"]+\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}</time>");
        }
    }

    @Test
    void webLinksAreClickableAndEverythingElseIsEscaped() {
        String text = """
                Open https://kc.example.hu/reset?key=a&client_id=x. Or <b>not</b> \
                javascript:alert(1) "quoted" http://localhost:8080/x"onmouseover=alert(1)
                """;
        String html = InboxWebPage.render(List.of(new ReceivedMail(Instant.parse("2026-01-02T03:04:05Z"),
                List.of("<x@example.hu>"), "<script>alert(1)</script>", text, null)));

        assertThat(html)
                .contains("<a href=\"https://kc.example.hu/reset?key=a&amp;client_id=x\">"
                        + "https://kc.example.hu/reset?key=a&amp;client_id=x</a>. Or &lt;b&gt;not&lt;/b&gt;")
                .contains("<a href=\"http://localhost:8080/x\">http://localhost:8080/x</a>&quot;onmouseover=alert(1)")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;x@example.hu&gt;")
                .doesNotContain("<script>", "href=\"javascript:");
    }

    private static void send(ServerSetup smtp, String to, String subject) throws InterruptedException {
        GreenMailUtil.sendTextEmail(to, "keycloak@example.hu", subject, "Body of " + subject, smtp);
        Thread.sleep(5); // arrival times have millisecond precision
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
