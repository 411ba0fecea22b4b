package hu.ugyfelportal.upgrade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The realm file's {@code ${VAR}} and {@code ${VAR:default}} placeholders, which Keycloak fills from the environment
 * at import: values an operator sets per installation (secrets, SMTP, URLs, DÁP keys). Only upper-case names count;
 * {@code ${username}} or {@code ${clientNumber.attribute}} are message keys of the theme and stay as they are.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private final Map<String, String> environment;
    private final boolean overwriteServer;

    /**
     * @param overwriteServer false: a placeholder's value on the server is left as it is; true: it is replaced by the
     *                        value from {@code environment} (or the file's default)
     */
    public Placeholders(Map<String, String> environment, boolean overwriteServer) {
        this.environment = environment;
        this.overwriteServer = overwriteServer;
    }

    /** The same environment, overwriting or keeping the server's values as told. */
    Placeholders(Placeholders other, boolean overwriteServer) {
        this(other.environment, overwriteServer);
    }

    static boolean in(Object value) {
        return value instanceof String text && PLACEHOLDER.matcher(text).find();
    }

    boolean overwriteServer() {
        return overwriteServer;
    }

    /**
     * What --overwrite-environment-values must refuse before it changes anything: every variable of the text that is
     * unset and has no default, or whose default is empty (which would blank a key, a secret or the SMTP settings).
     * A variable set to an empty value is the operator's explicit choice.
     */
    List<String> unusable(String text) {
        Map<String, String> problems = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!environment.containsKey(name)) {
                if (matcher.group(2) == null) {
                    problems.putIfAbsent(name, name + " is not set and has no default");
                } else if (matcher.group(2).isEmpty()) {
                    problems.putIfAbsent(name, name + " is not set and its default is empty");
                }
            }
        }
        return List.copyOf(problems.values());
    }

    /** As Keycloak's import does: the variable's value, else its default, else the placeholder stays. */
    public String resolve(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                value = matcher.group(2) != null ? matcher.group(2) : matcher.group();
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }
}
