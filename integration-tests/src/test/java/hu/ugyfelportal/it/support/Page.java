package hu.ugyfelportal.it.support;

import org.jsoup.nodes.Document;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the browser ended on: a page, or a redirect to the portal (which carries the authorization code).
 */
public record Page(URI uri, int status, String html, Document document, URI portalRedirect) {

    /** The visible text of the page, whitespace folded. */
    public String text() {
        return document.text();
    }

    public boolean isPortalRedirect() {
        return portalRedirect != null;
    }

    public Optional<String> portalRedirectParameter(String name) {
        if (portalRedirect == null || portalRedirect.getRawQuery() == null) {
            return Optional.empty();
        }
        return Arrays.stream(portalRedirect.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .filter(pair -> pair[0].equals(name) && pair.length == 2)
                .map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
                .findFirst();
    }

    public boolean has(String cssSelector) {
        return document.selectFirst(cssSelector) != null;
    }

    @Override
    public String toString() {
        return isPortalRedirect() ? "redirect to " + portalRedirect : status + " " + uri + "\n" + text();
    }
}
