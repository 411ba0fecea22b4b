package hu.ugyfelportal.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a piece of the realm file three ways, as a package manager treats a changed configuration file: the base
 * (the realm file this realm was last brought to), the new realm file, and the server. Only what the release changed
 * between base and file reaches the server; what the operator changed or added stays; where both changed the same
 * value it is a conflict, reported with both values, and the server's value stays; a value the base did not name was
 * Keycloak's default and is set as the file has it (the report shows the earlier one). Only what the file names is
 * compared: the server adds ids and defaults the file leaves out. Lists of named things (user-profile attributes)
 * are matched by name, lists of plain values are sets. A value holding a placeholder is the server's business once
 * the server has one.
 */
final class FileComparison {

    /** Which of the file's values win beyond the release's own changes, and whether what the file lacks goes. */
    record Mode(boolean forceFileValues, boolean prune) {
    }

    /** What to send (the server's representation with the changes in it), and what was changed and kept. */
    record Outcome(Object merged, List<String> changes, List<String> conflicts) {

        boolean changed() {
            return !changes.isEmpty();
        }
    }

    private static final int SHOWN_LENGTH = 60;
    private final Placeholders placeholders;
    private final Mode mode;

    FileComparison(Placeholders placeholders, Mode mode) {
        this.placeholders = placeholders;
        this.mode = mode;
    }

    FileComparison withMode(Mode other) {
        return new FileComparison(new Placeholders(placeholders, false), other);
    }

    Mode mode() {
        return mode;
    }

    /**
     * The three-way comparison of one piece: {@code base} is its counterpart in the remembered realm file (null: the
     * base did not have it), {@code server} the server's representation (null: missing).
     */
    Outcome compare(String path, Object base, Object file, Object server) {
        List<String> changes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Object merged = merge(path, base, file, server, changes, conflicts);
        return new Outcome(merged, changes, conflicts);
    }

    /** The file's value as Keycloak's import would create it: placeholders filled in. */
    Object resolved(Object file) {
        if (file instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, value) -> result.put(String.valueOf(key), resolved(value)));
            return result;
        }
        if (file instanceof List<?> list) {
            return list.stream().map(this::resolved).toList();
        }
        return file instanceof String text && Placeholders.in(text) ? placeholders.resolve(text) : file;
    }

    /**
     * Whether the server still has every value of {@code base} (placeholders aside, which are the installation's):
     * then a thing the release removed may go, as no operator changed it.
     */
    boolean unchangedSince(Object base, Object server) {
        if (base instanceof Map<?, ?> baseMap) {
            return server instanceof Map<?, ?> serverMap && baseMap.entrySet().stream()
                    .allMatch(entry -> unchangedSince(entry.getValue(), serverMap.get(entry.getKey())));
        }
        if (base instanceof List<?> baseList) {
            if (!(server instanceof List<?> serverList)) {
                return false;
            }
            if (isNamedList(baseList)) {
                return baseList.stream().allMatch(element -> named(serverList, name(element))
                        .map(counterpart -> unchangedSince(element, counterpart)).orElse(false));
            }
            return Set.copyOf(texts(baseList)).equals(Set.copyOf(texts(serverList)))
                    || baseList.stream().anyMatch(Placeholders::in);
        }
        return Placeholders.in(base) || text(base).equals(text(server));
    }

    private Object merge(String path, Object base, Object file, Object server, List<String> changes,
                         List<String> conflicts) {
        if (file instanceof Map<?, ?> fileMap) {
            Map<?, ?> serverMap = server instanceof Map<?, ?> map ? map : Map.of();
            Map<?, ?> baseMap = base instanceof Map<?, ?> map ? map : Map.of();
            Map<String, Object> result = new LinkedHashMap<>();
            serverMap.forEach((key, value) -> result.put(String.valueOf(key), value));
            fileMap.forEach((key, value) -> result.put(String.valueOf(key),
                    merge(path + "." + key, baseMap.get(key), value, serverMap.get(key), changes, conflicts)));
            return result;
        }
        if (file instanceof List<?> fileList && isNamedList(fileList)) {
            return namedList(path, base, fileList, server, changes, conflicts);
        }
        if (file instanceof List<?> fileList
                && fileList.stream().noneMatch(element -> element instanceof Map || element instanceof List)) {
            return valueSet(path, base, fileList, server, changes);
        }
        return value(path, base, file, server, changes, conflicts);
    }

    /** One value (or a list of things without names, taken whole). */
    private Object value(String path, Object base, Object file, Object server, List<String> changes,
                         List<String> conflicts) {
        if (keepsServerValue(file, server)) {
            return server;
        }
        Object wanted = resolved(file);
        if (text(wanted).equals(text(server))) {
            // Keycloak drops empty values (an unset ${SMTP_USER:}), so none on the server matches an empty one.
            return server == null ? wanted : server;
        }
        if (Placeholders.in(file)) {
            // Neither side of a placeholder's value is shown: it may be a secret.
            changes.add(path + ": set from the environment");
            return wanted;
        }
        boolean baseKnown = base != null && !Placeholders.in(base);
        if (mode.forceFileValues()) {
            changes.add(path + ": " + shown(server) + " -> " + shown(file) + " (--force-file-values)");
            return wanted;
        }
        if (!baseKnown) {
            // The earlier file left it to Keycloak's default; the release sets it, as an import of the file would.
            changes.add(path + ": " + shown(server) + " -> " + shown(file)
                    + (text(server).isEmpty() ? "" : " (newly set by the realm file)"));
            return wanted;
        }
        if (text(base).equals(text(server))) {
            changes.add(path + ": " + shown(server) + " -> " + shown(file));
            return wanted;
        }
        if (text(base).equals(text(file))) {
            return server;
        }
        conflicts.add(path + ": the realm file changed " + shown(base) + " -> " + shown(file) + ", this realm has "
                + shown(server) + "; kept " + shown(server));
        return server;
    }

    /**
     * A list of plain values as a set: what the release added is added, what it removed is removed, what the operator
     * added stays (unless --prune, which leaves the file's values only).
     */
    private Object valueSet(String path, Object base, List<?> fileList, Object server, List<String> changes) {
        if (keepsServerValue(fileList, server)) {
            return server;
        }
        Set<String> file = new LinkedHashSet<>(texts(resolved(fileList)));
        Set<String> result = new LinkedHashSet<>(server instanceof List<?> list ? texts(list) : List.of());
        Set<String> baseValues = base instanceof List<?> list ? new LinkedHashSet<>(texts(list)) : null;
        List<String> added = file.stream().filter(value -> !result.contains(value)
                && (baseValues == null || !baseValues.contains(value) || mode.forceFileValues())).toList();
        List<String> removed = result.stream().filter(value -> !file.contains(value)
                && (mode.prune() || baseValues != null && baseValues.contains(value))).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return server;
        }
        result.addAll(added);
        removed.forEach(result::remove);
        List<String> what = new ArrayList<>();
        if (!added.isEmpty()) {
            what.add("added " + shown(added));
        }
        if (!removed.isEmpty()) {
            what.add("removed " + shown(removed) + (baseValues != null && baseValues.containsAll(removed) ? ""
                    : " (--prune)"));
        }
        changes.add(path + ": " + String.join(", ", what));
        return new ArrayList<>(result);
    }

    /**
     * Named things (user-profile attributes and groups): the file's are merged by name; one the release added is
     * added, one it removed goes if no operator changed it; one the operator deleted stays deleted and one the
     * operator added stays (unless --force-file-values, --prune).
     */
    private Object namedList(String path, Object base, List<?> fileList, Object server, List<String> changes,
                             List<String> conflicts) {
        List<?> serverList = server instanceof List<?> list ? list : List.of();
        List<Object> result = new ArrayList<>();
        for (Object element : serverList) {
            String where = path + "[" + name(element) + "]";
            Optional<Object> inFile = named(fileList, name(element));
            Optional<Object> inBase = named(base, name(element));
            if (inFile.isPresent()) {
                result.add(merge(where, inBase.orElse(null), inFile.get(), element, changes, conflicts));
            } else if (inBase.isPresent() && unchangedSince(inBase.get(), element) || mode.prune()) {
                changes.add(where + ": removed (" + (inBase.isPresent() ? "no longer in the realm file" : "--prune")
                        + ")");
            } else {
                if (inBase.isPresent()) {
                    conflicts.add(where + ": no longer in the realm file, but changed on this realm; kept");
                }
                result.add(element);
            }
        }
        for (Object element : fileList) {
            String where = path + "[" + name(element) + "]";
            if (named(serverList, name(element)).isPresent()) {
                continue;
            }
            Optional<Object> inBase = named(base, name(element));
            if (inBase.isEmpty() || mode.forceFileValues()) {
                changes.add(where + ": added");
                result.add(resolved(element));
            } else if (!Objects.equals(inBase.get(), element)) {
                conflicts.add(where + ": deleted on this realm, changed in the realm file; not added again");
            }
        }
        return result;
    }

    /** A placeholder (or a list of values holding one) whose value the server already has stays the server's. */
    private boolean keepsServerValue(Object file, Object server) {
        boolean placeholder = Placeholders.in(file)
                || file instanceof List<?> list && list.stream().anyMatch(Placeholders::in);
        return placeholder && server != null && !placeholders.overwriteServer();
    }

    private static boolean isNamedList(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(element -> element instanceof Map<?, ?> map
                && map.get("name") instanceof String);
    }

    private static Optional<Object> named(Object list, String name) {
        if (!(list instanceof List<?> elements)) {
            return Optional.empty();
        }
        return elements.stream().filter(element -> element instanceof Map<?, ?> map
                && Objects.equals(map.get("name"), name)).map(element -> (Object) element).findFirst();
    }

    private static String name(Object element) {
        return element instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : String.valueOf(element);
    }

    private static List<String> texts(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** Values as a person reads them, cut short; a placeholder's value is never shown (it may be a secret). */
    static String shown(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (Placeholders.in(value) || value instanceof List<?> list && list.stream().anyMatch(Placeholders::in)) {
            return "(from the environment)";
        }
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return text.length() > SHOWN_LENGTH ? text.substring(0, SHOWN_LENGTH) + "…" : text;
    }
}
