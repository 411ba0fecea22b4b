package hu.ugyfelportal.dapsimulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's status list endpoints: the lists themselves as a verifier fetches them, and the API with which
 * tests revoke, suspend and restore identities, and make the lists fail:
 * <ul>
 * <li>{@code GET /status-lists/<n>}: list {@code n} as a status list token ({@code application/statuslist+jwt});</li>
 * <li>{@code POST /api/status} with {@code identity} and {@code status} ({@code valid}, {@code revoked},
 * {@code suspended});</li>
 * <li>{@code POST /api/status-list/serve} with {@code mode}: {@code normal}, {@code unavailable} (HTTP 503),
 * {@code hanging} (no answer for 30 s), {@code untrusted-key}, {@code other-sub}, {@code expired};</li>
 * <li>{@code POST /api/status-list/new}: PIDs issued from now on name a new list, which no verifier has cached;
 * answers its {@code uri};</li>
 * <li>{@code GET /api/status-list/fetches?uri=…}: how often that list (default: the current one) was fetched.</li>
 * </ul>
 */
final class StatusListRoutes {

    private static final String LISTS = PidIssuer.STATUS_LISTS_PATH;

    private final StatusLists lists;

    StatusListRoutes(StatusLists lists) {
        this.lists = lists;
    }

    /** @return false when the request is not one of these routes */
    boolean handle(HttpExchange exchange, String method, String path) throws IOException {
        if (method.equals("GET") && path.startsWith(LISTS)) {
            serveList(exchange, path.substring(LISTS.length()));
        } else if (method.equals("POST") && path.equals("/api/status")) {
            Map<String, String> form = DapSimulator.form(exchange);
            TestIdentity identity = TestIdentity.byId(DapSimulator.required(form, "identity"));
            StatusLists.Status status = StatusLists.Status.of(DapSimulator.required(form, "status"));
            lists.set(identity, status);
            DapSimulator.json(exchange, 200, Map.of("identity", identity.id(), "status", status.name().toLowerCase()));
        } else if (method.equals("POST") && path.equals("/api/status-list/serve")) {
            StatusLists.Serving mode = StatusLists.Serving.of(DapSimulator.required(DapSimulator.form(exchange), "mode"));
            lists.serve(mode);
            DapSimulator.json(exchange, 200, Map.of("serving", mode.parameter()));
        } else if (method.equals("POST") && path.equals("/api/status-list/new")) {
            DapSimulator.json(exchange, 200, Map.of("uri", lists.startNewList()));
        } else if (method.equals("GET") && path.equals("/api/status-list/fetches")) {
            String uri = query(exchange, "uri").orElse(lists.currentUri());
            DapSimulator.json(exchange, 200, Map.of("uri", uri, "fetches", lists.fetches(uri)));
        } else {
            return false;
        }
        return true;
    }

    private void serveList(HttpExchange exchange, String number) throws IOException {
        StatusLists.Answer answer;
        try {
            answer = lists.get(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            answer = new StatusLists.Answer(404, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new StatusLists.Answer(503, null);
        }
        if (answer.status() == 200) {
            DapSimulator.send(exchange, 200, "application/statuslist+jwt", answer.token());
        } else {
            DapSimulator.send(exchange, answer.status(), "text/plain; charset=utf-8", "Status list not available");
        }
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (nameValue.length == 2 && URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
