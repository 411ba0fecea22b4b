package hu.ugyfelportal.dapsimulator;

import java.util.List;

/** The simulator's few HTML pages; plain strings, since this is a development tool. */
final class SimulatorPages {

    private SimulatorPages() {
    }

    /** @param walletUrl where this simulator takes QR links ({@code …/wallet}), which a local run's QR holds */
    static String start(String walletUrl, List<TestIdentity> identities) {
        return page("Scan", """
                <p>Paste the content of the QR code shown by the login page. In a local run the QR code holds this
                simulator's address (<code>%s?client_id=…&amp;request_uri=…</code>), and the login page shows it
                as text under the QR code (<em>A QR kód tartalma</em>, with a copy button); with a real wallet's
                scheme it starts with <code>openid4vp://</code>. Each QR code is valid for 120 s by default; after
                that the login page shows a new one by itself, and only the new one works.</p>
                <form method="post" action="/requests">
                  <textarea name="uri" rows="4" cols="80" required></textarea><br>
                  <button type="submit">Read request</button>
                </form>
                <h2>Test identities</h2><ul>%s</ul>
                <p><a href="/issuer-certificate.pem">PID issuer certificate</a> (development only)</p>
                """.formatted(escape(walletUrl), identityList(identities)));
    }

    static String request(String id, VerifierRequest request, List<TestIdentity> identities) {
        StringBuilder options = new StringBuilder();
        for (TestIdentity identity : identities) {
            options.append("<option value=\"").append(escape(identity.id())).append("\">")
                    .append(escape(identity.displayName())).append("</option>");
        }
        return page("Request", """
                <p><strong>%s</strong> asks (client_id <code>%s</code>) for these PID claims:</p>
                <ul>%s</ul>
                <form method="post" action="/requests/%s/approve">
                  <label>Identity <select name="identity">%s</select></label>
                  <button type="submit" id="approve">Approve</button>
                </form>
                <form method="post" action="/requests/%s/decline">
                  <button type="submit" id="decline">Decline</button>
                </form>
                """.formatted(escape(request.verifierName()), escape(request.clientId()),
                request.claims().stream().map(claim -> "<li>" + escape(claim) + "</li>").reduce("", String::concat),
                escape(id), options, escape(id)));
    }

    static String answered(boolean approved, Wallet.Answer answer) {
        return page(approved ? "Approved" : "Declined", """
                <p>The verifier answered HTTP %d.</p><pre>%s</pre><p><a href="/">Back</a></p>
                """.formatted(answer.status(), escape(answer.body())));
    }

    /** A pasted QR whose request the login server no longer has: most often one that the login page has renewed. */
    static String requestGone() {
        return page("QR code no longer valid", """
                <p id="error">This QR code is no longer valid: the login server does not know its request any more
                (HTTP 404).</p>
                <p>The login page renews its QR code by itself when it runs out (after 120 s by default), and a
                cancelled, finished or already scanned login voids it. Copy the QR code's <strong>current</strong>
                content from the login page and paste it again.</p>
                <p><a href="/">Back</a></p>
                """);
    }

    static String error(String message) {
        return page("Error", "<p id=\"error\">" + escape(message) + "</p><p><a href=\"/\">Back</a></p>");
    }

    private static String identityList(List<TestIdentity> identities) {
        StringBuilder list = new StringBuilder();
        for (TestIdentity identity : identities) {
            list.append("<li><code>").append(escape(identity.id())).append("</code> ")
                    .append(escape(identity.displayName())).append("</li>");
        }
        return list.toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>DÁP simulator – " + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
