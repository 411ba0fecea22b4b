package hu.ugyfelportal.demoportal;

import java.util.Map;

/**
 * The demo portal's Hungarian pages, in the tone of the portal's FAQ. Everything from a token is escaped: the client's
 * name is typed by administrators.
 */
final class PortalPages {

    private static final Map<String, String> CLIENT_TYPES = Map.of(
            "MAGANSZEMELY", "Magánszemély",
            "EGYENI_VALLALKOZO", "Egyéni vállalkozó",
            "OSTERMELO", "Őstermelő",
            "CEG", "Cég",
            "TARSASHAZ", "Társasház");

    private PortalPages() {
    }

    static String start() {
        return page("Ügyfélportál", """
                <p>Ez az Ügyfélportál bemutató oldala a helyi futtatáshoz: bejelentkezés után megmutatja, melyik
                Ügyfélként lépett be.</p>
                %s""".formatted(loginButton()));
    }

    static String customer(Map<String, Object> claims) {
        return page("Ügyfélportál", """
                <p id="portal-welcome">Ön a következő Ügyfélként jelentkezett be:</p>
                <dl>
                  <dt>Ügyfélszám</dt><dd id="portal-client-number">%s</dd>
                  <dt>Ügyféltípus</dt><dd id="portal-client-type">%s</dd>
                  <dt>Ügyfél neve</dt><dd id="portal-client-name">%s</dd>
                </dl>
                <p>Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.</p>
                <form method="post" action="/logout"><button type="submit" id="portal-logout">Kijelentkezés</button></form>
                """.formatted(escape(claim(claims, "client_number")), escape(clientType(claim(claims, "client_type"))),
                escape(claim(claims, "client_name"))));
    }

    static String loggedOut() {
        return page("Sikeres kijelentkezés", """
                <p id="portal-logged-out">Ön kijelentkezett az Ügyfélportálról.</p>
                %s""".formatted(loginButton()));
    }

    static String loginFailed() {
        return page("Sikertelen bejelentkezés", """
                <p id="portal-error">A bejelentkezés nem fejeződött be. Kérjük, kezdje újra a bejelentkezést.</p>
                %s""".formatted(loginButton()));
    }

    static String notFound() {
        return page("Az oldal nem található", "<p>Kérjük, kezdje az Ügyfélportál <a href=\"/\">kezdőlapján</a>.</p>");
    }

    private static String loginButton() {
        return "<p><a class=\"button\" id=\"portal-login\" href=\"/login\">Bejelentkezés</a></p>";
    }

    private static String claim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value == null ? "nincs megadva" : value.toString();
    }

    private static String clientType(String code) {
        return CLIENT_TYPES.getOrDefault(code, code);
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="hu"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s – Ügyfélportál (bemutató)</title>
                <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
                dt{font-weight:bold}dd{margin:0 0 .75rem}
                .button,button{display:inline-block;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#0b5cab;
                color:#fff;font-size:1rem;text-decoration:none;cursor:pointer}</style></head>
                <body><main><h1>%s</h1>
                %s</main></body></html>""".formatted(escape(title), escape(title), body);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
