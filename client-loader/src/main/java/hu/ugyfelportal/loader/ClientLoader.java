package hu.ugyfelportal.loader;

import hu.ugyfelportal.keycloak.clientnumber.ClientNumber;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the contracts system's export into Keycloak: creates missing users (username = e-mail, no password, so
 * they register to set one) and adds or updates their client numbers. Client numbers not in the file are kept,
 * so a partial export never takes an account away. Running it again with the same file changes nothing.
 */
public final class ClientLoader {

    private final KeycloakAdmin admin;

    public ClientLoader(KeycloakAdmin admin) {
        this.admin = admin;
    }

    public LoadReport load(Reader csv, boolean dryRun) throws IOException {
        return load(ClientCsv.read(csv), dryRun);
    }

    public LoadReport load(List<ClientRow> rows, boolean dryRun) {
        List<LoadReport.RejectedRow> rejected = new ArrayList<>();
        Map<String, List<ClientRow>> rowsByUser = acceptedRowsByUser(rows, holders(), rejected);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int loaded = 0;
        for (Map.Entry<String, List<ClientRow>> entry : rowsByUser.entrySet()) {
            String email = entry.getKey();
            List<ClientRow> userRows = entry.getValue();
            Optional<Map<String, Object>> existing = admin.findUser(email);
            List<String> current = existing.map(ClientLoader::clientNumbersOf).orElse(List.of());
            List<String> wanted = merge(current, userRows);
            if (existing.isPresent() && wanted.equals(current)) {
                unchanged++;
                loaded += userRows.size();
                continue;
            }
            KeycloakAdmin.Answer answer = dryRun ? null : existing
                    .map(user -> admin.updateUser((String) user.get("id"), withClientNumbers(user, wanted)))
                    .orElseGet(() -> admin.createUser(newUser(email, wanted)));
            if (answer != null && !answer.isSuccess()) {
                userRows.forEach(row -> rejected.add(new LoadReport.RejectedRow(row, Rejection.KEYCLOAK,
                        answer.errorText())));
                continue;
            }
            if (existing.isPresent()) {
                updated++;
            } else {
                created++;
            }
            loaded += userRows.size();
        }
        rejected.sort((a, b) -> Integer.compare(a.row().line(), b.row().line()));
        return new LoadReport(dryRun, created, updated, unchanged, loaded, List.copyOf(rejected));
    }

    /** Who holds each client number in Keycloak now: number to username. */
    private Map<String, String> holders() {
        Map<String, String> holders = new HashMap<>();
        admin.forEachUser(user -> clientNumbersOf(user).stream()
                .map(ClientNumber::parse)
                .flatMap(Optional::stream)
                .forEach(clientNumber -> holders.putIfAbsent(clientNumber.number(), (String) user.get("username"))));
        return holders;
    }

    /**
     * Checks each row and groups the good ones by user. A client number stands for one contracting party, so it
     * is a duplicate when another user already holds it in Keycloak, or when it appears again later in the file
     * (for the same or another e-mail; the first occurrence is loaded).
     */
    private static Map<String, List<ClientRow>> acceptedRowsByUser(List<ClientRow> rows, Map<String, String> holders,
                                                                   List<LoadReport.RejectedRow> rejected) {
        Map<String, List<ClientRow>> byUser = new LinkedHashMap<>();
        Map<String, ClientRow> firstByNumber = new HashMap<>();
        for (ClientRow row : rows) {
            Optional<Rejection> problem = RowCheck.problemOf(row);
            if (problem.isPresent()) {
                rejected.add(new LoadReport.RejectedRow(row, problem.get(), null));
                continue;
            }
            ClientRow first = firstByNumber.putIfAbsent(row.number(), row);
            if (first != null) {
                rejected.add(new LoadReport.RejectedRow(row, Rejection.DUPLICATE,
                        "already on line " + first.line() + " for " + first.email()));
                continue;
            }
            String holder = holders.get(row.number());
            if (holder != null && !holder.equalsIgnoreCase(row.email())) {
                rejected.add(new LoadReport.RejectedRow(row, Rejection.DUPLICATE, "already held by " + holder));
                continue;
            }
            byUser.computeIfAbsent(row.email().toLowerCase(Locale.ROOT), email -> new ArrayList<>()).add(row);
        }
        return byUser;
    }

    /** The user's client numbers after the load: existing ones kept in order, changed in place, new ones added. */
    static List<String> merge(List<String> current, List<ClientRow> rows) {
        Map<String, ClientNumber> fromFile = new LinkedHashMap<>();
        rows.forEach(row -> fromFile.put(row.number(), RowCheck.clientNumberOf(row)));
        List<String> result = new ArrayList<>();
        for (String value : current) {
            Optional<ClientNumber> existing = ClientNumber.parse(value);
            ClientNumber replacement = existing.map(clientNumber -> fromFile.remove(clientNumber.number())).orElse(null);
            result.add(replacement == null || replacement.equals(existing.get()) ? value : replacement.format());
        }
        fromFile.values().forEach(clientNumber -> result.add(clientNumber.format()));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> clientNumbersOf(Map<String, Object> user) {
        Map<String, List<String>> attributes = (Map<String, List<String>>) user.get("attributes");
        return attributes == null ? List.of() : attributes.getOrDefault(ClientNumber.ATTRIBUTE, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withClientNumbers(Map<String, Object> user, List<String> clientNumbers) {
        Map<String, Object> updated = new LinkedHashMap<>(user);
        Map<String, Object> attributes = new LinkedHashMap<>(
                (Map<String, Object>) user.getOrDefault("attributes", Map.of()));
        attributes.put(ClientNumber.ATTRIBUTE, clientNumbers);
        updated.put("attributes", attributes);
        return updated;
    }

    /** A provisioned customer: no password yet (registration sets it), e-mail not yet proven. */
    private static Map<String, Object> newUser(String email, List<String> clientNumbers) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", email);
        user.put("email", email);
        user.put("emailVerified", false);
        user.put("enabled", true);
        user.put("attributes", Map.of(ClientNumber.ATTRIBUTE, clientNumbers));
        return user;
    }
}
