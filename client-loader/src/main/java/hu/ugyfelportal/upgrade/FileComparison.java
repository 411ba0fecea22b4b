package hu.ugyfelportal.upgrade;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a piece of the realm file with the server's representation of it, and lays the file over the server's.
 * Only what the file names is compared: the server adds ids and defaults the file leaves out. Lists of named things
 * (mappers, user-profile attributes) are matched by name and must hold the same names; other lists of plain values
 * are compared as sets. A value holding a placeholder is the server's business once the server has one.
 */
final class FileComparison {

    private static final int SHOWN_LENGTH = 60;
    private final Placeholders placeholders;

    FileComparison(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** What differs, one line per value, e.g. {@code config.codeLength: '8' -> '6'}; empty when the server matches. */
    List<String> differences(String path, Object file, Object server) {
        List<String> found = new ArrayList<>();
        collect(path, file, server, false, found);
        return found;
    }

    /**
     * The same for a document the file gives whole, such as the user profile: a value the server has and the file
     * lacks is a difference too, unless it is only Keycloak's default for a missing one (false, empty).
     */
    List<String> documentDifferences(String path, Object file, Object server) {
        List<String> found = new ArrayList<>();
        collect(path, file, server, true, found);
        return found;
    }

    /** The server's representation with the file's values over it (placeholders as {@link #differences} treats them). */
    Object merged(Object file, Object server) {
        if (keepsServerValue(file, server)) {
            return server;
        }
        if (file instanceof Map<?, ?> fileMap) {
            Map<String, Object> result = new LinkedHashMap<>();
            if (server instanceof Map<?, ?> serverMap) {
                serverMap.forEach((key, value) -> result.put(String.valueOf(key), value));
            }
            fileMap.forEach((key, value) -> result.put(String.valueOf(key),
                    merged(value, server instanceof Map<?, ?> serverMap ? serverMap.get(key) : null)));
            return result;
        }
        if (file instanceof List<?> fileList) {
            List<Object> result = new ArrayList<>();
            for (int i = 0; i < fileList.size(); i++) {
                Object element = fileList.get(i);
                Object counterpart = isNamedList(fileList) ? named(server, name(element)).orElse(null)
                        : server instanceof List<?> serverList && serverList.size() == fileList.size()
                        ? serverList.get(i) : null;
                result.add(merged(element, counterpart));
            }
            return result;
        }
        return file instanceof String text && Placeholders.in(text) ? placeholders.resolve(text) : file;
    }

    /** The file's value as Keycloak's import would create it: placeholders filled in. */
    Object resolved(Object file) {
        return merged(file, null);
    }

    private void collect(String path, Object file, Object server, boolean whole, List<String> found) {
        if (keepsServerValue(file, server)) {
            return;
        }
        if (file instanceof Map<?, ?> fileMap) {
            if (!(server instanceof Map<?, ?> serverMap)) {
                found.add(path + ": missing");
                return;
            }
            fileMap.forEach((key, value) -> collect(path + "." + key, value, serverMap.get(key), whole, found));
            if (whole) {
                serverMap.forEach((key, value) -> {
                    if (!fileMap.containsKey(key) && !isDefault(value)) {
                        found.add(path + "." + key + ": " + shown(value) + ", not in the realm file, removed");
                    }
                });
            }
        } else if (file instanceof List<?> fileList) {
            collectList(path, fileList, server, whole, found);
        } else if (!String.valueOf(resolved(file)).equals(server == null ? "" : String.valueOf(server))) {
            // Keycloak drops empty values (an unset ${SMTP_USER:}), so none on the server matches an empty one.
            // Neither side of a placeholder's value is shown: it may be a secret.
            found.add(path + ": "
                    + (Placeholders.in(file) ? "set from the environment" : shown(server) + " -> " + shown(file)));
        }
    }

    private void collectList(String path, List<?> fileList, Object server, boolean whole, List<String> found) {
        if (!(server instanceof List<?> serverList)) {
            found.add(path + ": missing");
        } else if (isNamedList(fileList)) {
            for (Object element : fileList) {
                Optional<Object> counterpart = named(server, name(element));
                if (counterpart.isEmpty()) {
                    found.add(path + "[" + name(element) + "]: missing");
                } else {
                    collect(path + "[" + name(element) + "]", element, counterpart.get(), whole, found);
                }
            }
            for (Object element : serverList) {
                if (named(fileList, name(element)).isEmpty()) {
                    found.add(path + "[" + name(element) + "]: not in the realm file, removed");
                }
            }
        } else if (fileList.stream().noneMatch(element -> element instanceof Map || element instanceof List)) {
            if (!new HashSet<>(asText(resolved(fileList))).equals(new HashSet<>(asText(serverList)))) {
                found.add(path + ": " + shown(serverList) + " -> " + shown(fileList));
            }
        } else if (fileList.size() != serverList.size()) {
            found.add(path + ": " + serverList.size() + " entries -> " + fileList.size());
        } else {
            for (int i = 0; i < fileList.size(); i++) {
                collect(path + "[" + i + "]", fileList.get(i), serverList.get(i), whole, found);
            }
        }
    }

    /** A placeholder (or a list of values holding one) whose value the server already has stays the server's. */
    private boolean keepsServerValue(Object file, Object server) {
        boolean placeholder = Placeholders.in(file)
                || file instanceof List<?> list && list.stream().anyMatch(Placeholders::in);
        return placeholder && server != null && !placeholders.overwriteServer();
    }

    private static boolean isDefault(Object value) {
        return value == null || Boolean.FALSE.equals(value) || "".equals(value)
                || value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> list && list.isEmpty();
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

    private static List<String> asText(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** Values as a person reads them, cut short; a placeholder's value is never shown (it may be a secret). */
    private static String shown(Object value) {
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
