package hu.ugyfelportal.demoportal;

import java.util.Map;
import java.util.Set;

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

    /** The portal's own parameter that carries Keycloak's {@code kc_action_status} to its page. */
    static final String ACTION_STATUS = "dap_link";
    /** Keycloak's kc_action_status values, each told in the portal's words; nothing else is shown. */
    private static final Map<String, String> LINK_STATUS = Map.of(
            "success", "A DÁP összekötés sikerült. Következő alkalommal már DÁP-pal is be tud lépni az Ügyfélportálra.",
            "cancelled", "A DÁP összekötést megszakította, DÁP fiókja nincs összekötve.",
            "error", "A DÁP összekötés nem sikerült. Kérjük, próbálja újra, vagy ellenőrizze a Profil oldalon.");
    /** The client types that may log in with DÁP; only they are offered linking. */
    private static final Set<String> DAP_TYPES = Set.of("MAGANSZEMELY", "EGYENI_VALLALKOZO", "OSTERMELO");

    private PortalPages() {
    }

    static String start() {
        return page("Ügyfélportál", """
                <p>Ez az Ügyfélportál bemutató oldala a helyi futtatáshoz: bejelentkezés után megmutatja, melyik
                Ügyfélként lépett be.</p>
                %s""".formatted(loginButton()));
    }

    /** The logged-in customer's page; {@code profileUrl} is Keycloak's account console, which links back here. */
    static String customer(Map<String, Object> claims, String profileUrl, String actionStatus) {
        String notice = isLinkStatus(actionStatus)
                ? "<p id=\"portal-dap-link-status\" role=\"status\">" + LINK_STATUS.get(actionStatus) + "</p>\n" : "";
        String linkDap = DAP_TYPES.contains(claim(claims, "client_type"))
                ? "<p><a id=\"portal-link-dap\" href=\"/link-dap\">DÁP összekötése</a>: ezután DÁP-pal is be tud lépni</p>\n" : "";
        return page("Ügyfélportál", notice + """
                <p id="portal-welcome">Ön a következő Ügyfélként jelentkezett be:</p>
                <dl>
                  <dt>Ügyfélszám</dt><dd id="portal-client-number">%s</dd>
                  <dt>Ügyféltípus</dt><dd id="portal-client-type">%s</dd>
                  <dt>Ügyfél neve</dt><dd id="portal-client-name">%s</dd>
                </dl>
                <p>Másik Ügyfél kiválasztásához ismét be kell jelentkeznie.</p>
                <p><a id="portal-profile" href="%s">Profil</a>: adatai, jelszava és a DÁP összekötés</p>
                %s<form method="post" action="/logout"><button type="submit" id="portal-logout">Kijelentkezés</button></form>
                """.formatted(escape(claim(claims, "client_number")), escape(clientType(claim(claims, "client_type"))),
                escape(claim(claims, "client_name")), escape(profileUrl), linkDap));
    }

    /** The query that carries a known {@code kc_action_status} to the portal's page, or none. */
    static String actionStatusQuery(String actionStatus) {
        return isLinkStatus(actionStatus) ? "?" + ACTION_STATUS + "=" + actionStatus : "";
    }

    /** Map.of refuses to look up null, which is what a request without the parameter brings. */
    private static boolean isLinkStatus(String actionStatus) {
        return actionStatus != null && LINK_STATUS.containsKey(actionStatus);
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
