package hu.ugyfelportal.loader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLoaderMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void withoutAFileItPrintsUsageAndFails() {
        assertThat(run(Map.of())).isEqualTo(ClientLoaderMain.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: load-clients.sh <file.csv> [--dry-run]");
    }

    @Test
    void unknownOptionFails() {
        assertThat(run(Map.of(), "export.csv", "--force")).isEqualTo(ClientLoaderMain.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option --force");
    }

    @Test
    void missingFileIsNamed() {
        assertThat(run(Map.of(), "/nincs/ilyen.csv")).isEqualTo(ClientLoaderMain.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No such file: /nincs/ilyen.csv");
    }

    @Test
    void missingSettingsAreNamedBeforeAnythingIsSent() throws Exception {
        Path csv = Files.createTempFile("export", ".csv");
        try {
            assertThat(run(Map.of("KEYCLOAK_URL", "http://localhost:8080"), csv.toString()))
                    .isEqualTo(ClientLoaderMain.EXIT_FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("KEYCLOAK_ADMIN_USER is not set");
        } finally {
            Files.delete(csv);
        }
    }

    private int run(Map<String, String> environment, String... args) {
        return ClientLoaderMain.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
