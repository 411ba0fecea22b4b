package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Our words, read from the sources as Keycloak merges them: the steps' own messages from the SPI jar's
 * theme-resources (which every login and e-mail theme gets), then a theme's own messages over them key by key.
 */
public final class PortalMessages {

    private static final Path STEPS = Path.of("..", "authenticators", "src", "main", "resources", "theme-resources",
            "messages");
    private static final Path THEME = Path.of("..", "theme", "src", "main", "resources", "theme", "ugyfelportal");
    /** How Keycloak's own keys look (doForgotPassword, expiredActionMessage); no Hungarian or English word does. */
    private static final Pattern CAMEL_CASE_KEY = Pattern.compile("[a-z]+(?:[A-Z][a-z0-9]*)+");

    private PortalMessages() {
    }

    /** The words of our steps and mails, as any theme shows them (theme-resources/messages). */
    public static Properties steps(String language) {
        Properties messages = new Properties();
        load(messages, STEPS.resolve("messages_" + language + ".properties"));
        return messages;
    }

    /**
     * What the {@code ugyfelportal} theme of the given type ({@code login}, {@code email}, {@code account}) shows: the
     * steps' words, then the theme's own messages over them.
     */
    public static Properties ugyfelportal(String type, String language) {
        Properties messages = steps(language);
        Path own = THEME.resolve(type).resolve("messages").resolve("messages_" + language + ".properties");
        if (Files.exists(own)) {
            load(messages, own);
        }
        return messages;
    }

    /**
     * The words of {@code text} that are message keys rather than words: one of our keys (Hungarian login keys of
     * the ugyfelportal theme, steps included), or a word shaped like Keycloak's keys. Keys that are plain words
     * ("password") are not told apart from the words themselves.
     */
    public static List<String> rawKeysIn(String text) {
        Set<String> ourKeys = ugyfelportal("login", "hu").stringPropertyNames().stream()
                .filter(key -> key.contains(".") || CAMEL_CASE_KEY.matcher(key).matches())
                .collect(Collectors.toSet());
        List<String> rawKeys = new ArrayList<>();
        for (String token : text.split("[\\s,;:!?()„”\"«»]+")) {
            String word = token.replaceAll("\\.$", "");
            if (ourKeys.contains(word) || (CAMEL_CASE_KEY.matcher(word).matches() && !word.contains("@"))) {
                rawKeys.add(word);
            }
        }
        return rawKeys;
    }

    private static void load(Properties messages, Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            messages.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
