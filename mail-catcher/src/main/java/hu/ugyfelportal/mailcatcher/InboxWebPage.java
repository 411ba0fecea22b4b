package hu.ugyfelportal.mailcatcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A plain web page listing every caught mail, newest first, so a newcomer can read the e-mailed code. */
final class InboxWebPage implements AutoCloseable {

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
        List<ReceivedMail> mails = catcher.allMails();
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="5"><title>Mail catcher</title>
                <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}
                article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
                pre{white-space:pre-wrap}</style></head><body>
                <h1>Caught mails</h1><p>Newest first; the page refreshes every 5 seconds.</p>
                """);
        if (mails.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        for (int i = mails.size() - 1; i >= 0; i--) {
            ReceivedMail mail = mails.get(i);
            html.append("<article><h2>").append(escape(mail.subject())).append("</h2>")
                    .append("<p>To: ").append(escape(String.join(", ", mail.recipients()))).append("</p>")
                    .append("<pre>").append(escape(mail.textBody() != null ? mail.textBody() : "(no text part)"))
                    .append("</pre></article>");
        }
        html.append("</body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
