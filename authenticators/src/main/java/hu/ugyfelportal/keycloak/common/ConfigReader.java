package hu.ugyfelportal.keycloak.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads one step's settings as the admin console stores them (a string map, null when the step has none): a
 * missing or blank value takes the default, a bad one is noted and the default stands in, so that
 * {@link #finish()} names every bad setting at once rather than the first.
 *
 * <pre>{@code
 * ConfigReader read = new ConfigReader("e-mail code", config);
 * int length = read.wholeNumber(CODE_LENGTH, 6, 12, 6);
 * Duration lifetime = read.seconds(LIFETIME_SECONDS, 1, 3600, Duration.ofMinutes(5));
 * read.finish();
 * }</pre>
 */
public final class ConfigReader {

    private final String settingsName;
    private final Map<String, String> config;
    private final List<String> problems = new ArrayList<>();

    /** @param settingsName what is read, for the message ("e-mail code", "DÁP identity provider") */
    public ConfigReader(String settingsName, Map<String, String> config) {
        this.settingsName = settingsName;
        this.config = config == null ? Map.of() : config;
    }

    /** The trimmed value, or the default when it is missing or blank. */
    public String text(String key, String defaultValue) {
        String raw = config.get(key);
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }

    /** Comma-separated words, trimmed, empty ones left out. */
    public List<String> list(String key, String defaultValue) {
        return Arrays.stream(text(key, defaultValue).split(",")).map(String::trim).filter(word -> !word.isEmpty())
                .toList();
    }

    public int wholeNumber(String key, int min, int max, int defaultValue) {
        String raw = config.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Noted below with the range, which says what would have been right.
        }
        problem(outOfRange(key, min, max, "'" + raw + "'"));
        return defaultValue;
    }

    /**
     * A whole number a record was built with, checked against the range {@link #wholeNumber} reads it in: so a
     * record's constructor refuses what its configuration would refuse, in the same words.
     */
    public void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            problem(outOfRange(key, min, max, String.valueOf(value)));
        }
    }

    /** A whole number of seconds in a range. */
    public Duration seconds(String key, int min, int max, Duration defaultValue) {
        return Duration.ofSeconds(wholeNumber(key, min, max, (int) defaultValue.toSeconds()));
    }

    /** {@code true} or {@code false}, nothing else: a typo must not silently mean {@code false}. */
    public boolean bool(String key, boolean defaultValue) {
        String value = text(key, String.valueOf(defaultValue));
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problem(key + " must be true or false, not '" + value + "'");
        return defaultValue;
    }

    /**
     * One of an enum's constants, each known in the config by {@code nameInConfig} (e.g. {@code direct_post.jwt}).
     */
    public <E extends Enum<E>> E oneOf(String key, Class<E> type, Function<E, String> nameInConfig, E defaultValue) {
        String value = text(key, nameInConfig.apply(defaultValue));
        return parse(value, type, nameInConfig).orElseGet(() -> {
            problem(key + " must be one of " + names(type, nameInConfig) + ", not '" + value + "'");
            return defaultValue;
        });
    }

    /**
     * A value that needs its own parser (a PEM list, a key): the parser's {@link IllegalArgumentException} is noted
     * under the setting's name and the default stands in.
     */
    public <T> T parsed(String key, Function<String, T> parser, T defaultValue) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            problem(key + ": " + e.getMessage());
            return defaultValue;
        }
    }

    /** A rule between settings that no single read can check. */
    public void problem(String message) {
        problems.add(message);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** @throws InvalidSettingsException naming every bad setting read so far */
    public void finish() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(settingsName, problems);
        }
    }

    /** The constant whose config name is {@code value}; empty for anything else, a stale stored value included. */
    public static <E extends Enum<E>> Optional<E> parse(String value, Class<E> type,
                                                        Function<E, String> nameInConfig) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> nameInConfig.apply(constant).equals(value))
                .findFirst();
    }

    private static String outOfRange(String key, long min, long max, String got) {
        return key + " must be a whole number from " + min + " to " + max + ", not " + got;
    }

    private static <E extends Enum<E>> String names(Class<E> type, Function<E, String> nameInConfig) {
        return Arrays.stream(type.getEnumConstants()).map(nameInConfig).collect(Collectors.joining(", "));
    }

    /** Settings an administrator got wrong; the message names each setting, never a secret value's content. */
    public static final class InvalidSettingsException extends IllegalArgumentException {

        /** Problems name settings and their bad values; this is room for several without flooding the log. */
        private static final int MAX_LOGGED_LENGTH = 2000;

        private final List<String> problems;

        InvalidSettingsException(String settingsName, List<String> problems) {
            super("Invalid " + settingsName + " settings: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }

        /** The problems for a log line: escaped (they quote what an administrator typed) and cut to a sane length. */
        public String problemsForLog() {
            return LogSafe.text(String.join("; ", problems), MAX_LOGGED_LENGTH);
        }
    }
}
