package hu.ugyfelportal.loader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code load-clients <file.csv> [--dry-run]}: loads the export and prints the report.
 * Exit codes: 0 every row loaded, 2 some rows rejected (see the report), 1 the run could not be done.
 */
public final class ClientLoaderMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_ROWS_REJECTED = 2;
    private static final String USAGE = """
            Usage: load-clients.sh <file.csv> [--dry-run]
              The CSV (UTF-8, header row, comma or semicolon) has the columns: e-mail, ügyfélszám, típus, név.
              Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required),
                           KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master],
                           KEYCLOAK_ADMIN_CLIENT_ID [admin-cli]""";

    private ClientLoaderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> files = new ArrayList<>();
        boolean dryRun = false;
        for (String arg : args) {
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.startsWith("-")) {
                System.err.println("Unknown option " + arg + "\n" + USAGE);
                return EXIT_FAILED;
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 1) {
            System.err.println(USAGE);
            return EXIT_FAILED;
        }
        try (Reader csv = Files.newBufferedReader(Path.of(files.get(0)), StandardCharsets.UTF_8)) {
            LoaderSettings settings = LoaderSettings.fromEnvironment(System.getenv());
            LoadReport report = new ClientLoader(new KeycloakAdmin(settings)).load(csv, dryRun);
            System.out.print(report.toText());
            return report.rejected().isEmpty() ? EXIT_OK : EXIT_ROWS_REJECTED;
        } catch (NoSuchFileException e) {
            System.err.println("No such file: " + e.getFile());
        } catch (IOException | RuntimeException e) {
            System.err.println("Load failed: " + e.getMessage());
        }
        return EXIT_FAILED;
    }
}
