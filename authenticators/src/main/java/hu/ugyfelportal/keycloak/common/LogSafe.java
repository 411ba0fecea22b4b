package hu.ugyfelportal.keycloak.common;

/**
 * Text a user or a wallet typed, made safe for an event detail or a log line: control characters (NUL, line breaks,
 * escape sequences, Unicode line separators and direction overrides) are written as {@code \\uXXXX}, so a value cannot
 * forge a log line or hide in a terminal, and the length is capped, so it cannot flood the event store.
 */
public final class LogSafe {

    /** Longer than any e-mail address a customer types, short enough for an event row. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    private LogSafe() {
    }

    public static String text(String value) {
        return text(value, DEFAULT_MAX_LENGTH);
    }

    public static String text(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(value.length(), maxLength) + 1);
        int next = 0;
        while (next < value.length() && next < maxLength) {
            char c = value.charAt(next++);
            if (isUnsafe(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        if (next < value.length()) {
            safe.append('…');
        }
        return safe.toString();
    }

    private static boolean isUnsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
