package hu.ugyfelportal.it.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small HTTP browser for login journeys: keeps cookies, follows redirects, fills and submits forms.
 * Keycloak marks its cookies {@code Secure} even on http://localhost, where real browsers still send them;
 * Java's own cookie handler would not, so this jar keeps every cookie of the one host it talks to.
 * Redirects to the portal (which does not run in tests) are not followed: the page then carries the redirect.
 */
public final class Browser {

    private static final int MAX_REDIRECTS = 20;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String portalUrl;
    private String acceptLanguage = "hu";

    Browser(String portalUrl) {
        this.portalUrl = portalUrl;
    }

    public Browser acceptLanguage(String languageTag) {
        this.acceptLanguage = languageTag;
        return this;
    }

    public Page open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits the page's form (by CSS selector) with its hidden fields, the given fields and the named button. */
    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form '" + formSelector + "' on " + page.uri() + ":\n" + page.text());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("checkbox") && !type.equals("radio")) {
                values.put(input.attr("name"), input.val());
            }
        }
        values.putAll(fields);
        String action = form.absUrl("action");
        return post(action.isEmpty() ? page.uri().toString() : action, values);
    }

    public Page post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public boolean hasCookie(String name) {
        return cookies.containsKey(name);
    }

    /** The {@code Cookie} header this browser sends, for requests made by another client on its behalf. */
    public String cookieHeader() {
        return cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    private Page send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        for (int redirects = 0; isRedirect(response.statusCode()); redirects++) {
            URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (location.toString().startsWith(portalUrl) || redirects >= MAX_REDIRECTS) {
                return new Page(response.uri(), response.statusCode(), "", Jsoup.parse(""), location);
            }
            response = exchange(HttpRequest.newBuilder(location).GET());
        }
        Document document = Jsoup.parse(response.body(), response.uri().toString());
        return new Page(response.uri(), response.statusCode(), response.body(), document, null);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        request.header("Accept-Language", acceptLanguage);
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response.headers());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(HttpHeaders headers) {
        for (String setCookie : headers.allValues("Set-Cookie")) {
            String nameValue = setCookie.split(";", 2)[0];
            int equals = nameValue.indexOf('=');
            String name = nameValue.substring(0, equals).trim();
            String value = nameValue.substring(equals + 1).trim();
            String attributes = setCookie.toLowerCase();
            if (value.isEmpty() || attributes.contains("max-age=0") || attributes.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
