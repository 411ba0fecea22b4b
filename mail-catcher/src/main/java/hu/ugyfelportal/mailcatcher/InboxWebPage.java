package hu.ugyfelportal.mailcatcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain web page listing every caught mail, newest first across all recipients, with the time it arrived and its
 * links clickable, so a newcomer finds the latest code or link at the top.
 */
final class InboxWebPage implements AutoCloseable {

    /** Only web links become clickable; a mail's text is never trusted to choose a scheme such as javascript:. */
    private static final Pattern WEB_LINK = Pattern.compile("https?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)]");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final MailCatcher catcher;
    private final HttpServer server;

    InboxWebPage(MailCatcher catcher, int httpPort) throws IOException {
        this.catcher = catcher;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        server.createContext("/", this::showInbox);
    }

    void start() {
        server.start();
    }

    private void showInbox(HttpExchange exchange) throws IOException {
        byte[] body = render(catcher.allMails()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The page for mails in the order they arrived. */
    static String render(List<ReceivedMail> mailsInArrivalOrder) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="5"><title>Mail catcher</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
                article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
                time{color:#555}pre{white-space:pre-wrap;overflow-wrap:anywhere}</style></head><body>
                <h1>Caught mails</h1><p>Newest first; the page refreshes every 5 seconds.</p>
                """);
        if (mailsInArrivalOrder.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        for (int i = mailsInArrivalOrder.size() - 1; i >= 0; i--) {
            ReceivedMail mail = mailsInArrivalOrder.get(i);
            html.append("<article><h2>").append(escape(mail.subject())).append("</h2>")
                    .append("<p><time datetime=\"").append(mail.receivedAt()).append("\">")
                    .append(TIME.format(mail.receivedAt())).append("</time> · To: ")
                    .append(escape(String.join(", ", mail.recipients()))).append("</p>")
                    .append("<pre>").append(mail.textBody() != null ? withLinks(mail.textBody()) : "(no text part)")
                    .append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    /** The text escaped, with each http(s) link made an anchor. */
    private static String withLinks(String text) {
        StringBuilder html = new StringBuilder();
        Matcher link = WEB_LINK.matcher(text);
        int shown = 0;
        while (link.find()) {
            String url = escape(link.group());
            html.append(escape(text.substring(shown, link.start())))
                    .append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            shown = link.end();
        }
        return html.append(escape(text.substring(shown))).toString();
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
