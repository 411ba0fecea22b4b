package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy/keycloak.conf}: the options the production image and the tested cluster are built and run with.
 * The single server of the tests runs in dev mode on H2, so it takes only the health and metrics options from it,
 * and counts the same events under the same tags as production does.
 */
public final class KeycloakConf {

    private static final List<String> OBSERVABILITY_PREFIXES = List.of("health-", "metrics-", "event-metrics-");

    private KeycloakConf() {
    }

    public static Path file() {
        return TestSettings.keycloakConfFile();
    }

    /** The file's options in their order (keycloak.conf is a properties file of {@code key=value} lines). */
    public static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file())) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                    options.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
    }

    /** The health, metrics and event-metrics options as kc.sh arguments, e.g. {@code --metrics-enabled=true}. */
    static List<String> observabilityArguments() {
        return options().entrySet().stream()
                .filter(option -> OBSERVABILITY_PREFIXES.stream().anyMatch(option.getKey()::startsWith))
                .map(option -> "--" + option.getKey() + "=" + option.getValue())
                .toList();
    }
}
