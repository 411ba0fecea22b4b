package hu.ugyfelportal.upgrade;

import hu.ugyfelportal.loader.KeycloakAdmin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every section of the upgrade does with the Admin REST API: read representations, and make a change (or, in a
 * dry run, only report it), recording what Keycloak refused.
 */
final class AdminSteps {

    private final KeycloakAdmin admin;
    private final FileComparison comparison;
    private final boolean dryRun;
    private final UpgradeReport report = new UpgradeReport();

    AdminSteps(KeycloakAdmin admin, FileComparison comparison, boolean dryRun) {
        this.admin = admin;
        this.comparison = comparison;
        this.dryRun = dryRun;
    }

    /** A dry run on the same server with another mode and a report of its own, to measure differences. */
    AdminSteps withMode(FileComparison.Mode mode) {
        return new AdminSteps(admin, comparison.withMode(mode), true);
    }

    FileComparison comparison() {
        return comparison;
    }

    boolean dryRun() {
        return dryRun;
    }

    UpgradeReport report() {
        return report;
    }

    /**
     * Makes the change unless this is a dry run, and reports it. When Keycloak refuses it, the run stops there: every
     * change is ordered so that the realm works after any of them (the new is created before it is bound, the old
     * removed last), and what follows may build on this one.
     */
    void change(String what, List<String> details, Supplier<KeycloakAdmin.Answer> call) {
        if (dryRun) {
            report.add(what, details);
            return;
        }
        KeycloakAdmin.Answer answer = call.get();
        if (!answer.isSuccess()) {
            report.refused(what, details, answer.errorText());
            throw new Stopped();
        }
        report.add(what, details);
    }

    /** Brings the server's representation at {@code path} to the file's three-way outcome, reporting conflicts. */
    void update(String what, Object base, Map<String, Object> file, Map<String, Object> server, String path) {
        FileComparison.Outcome outcome = comparison.compare(what.substring(what.lastIndexOf(' ') + 1), base, file,
                server);
        report.conflicts(what, outcome.conflicts());
        if (outcome.changed()) {
            change(what, outcome.changes(), () -> call("PUT", path, outcome.merged()));
        }
    }

    /** Thrown by {@link #change} after Keycloak refused a change; the report says which. */
    static final class Stopped extends RuntimeException {

        Stopped() {
            super(null, null, false, false);
        }
    }

    KeycloakAdmin.Answer call(String method, String path, Object body) {
        return admin.call(method, path, body);
    }

    KeycloakAdmin.Answer putText(String path, String text) {
        return admin.putText(path, text);
    }

    List<Map<String, Object>> list(String path) {
        return admin.getJson(path).map(AdminSteps::maps).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> object(String path) {
        return admin.getJson(path).filter(Map.class::isInstance).map(value -> (Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(element -> (Map<String, Object>) element).toList();
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    static Optional<Map<String, Object>> byField(List<Map<String, Object>> elements, String field, String value) {
        return elements.stream().filter(element -> value.equals(element.get(field))).findFirst();
    }

    static Map<String, Object> without(Map<String, Object> representation, String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>(representation);
        List.of(keys).forEach(copy::remove);
        return copy;
    }

    static String text(Object value) {
        return String.valueOf(value);
    }

    /** A path segment: URLEncoder writes spaces as '+', which a path keeps literally. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
