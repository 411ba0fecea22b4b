package hu.ugyfelportal.loader;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code load-clients <file.csv> [--dry-run]}: loads the export and prints the report.
 * Exit codes: 0 every row loaded, 2 some rows rejected (see the report), 1 the run could not be done.
 */
public final class ClientLoaderMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_ROWS_REJECTED = 2;
    private static final String USAGE = """
            Usage: load-clients.sh <file.csv> [--dry-run]
              The CSV (UTF-8, header row, comma or semicolon) has the columns: e-mail, ügyfélszám, típus, név.
              Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required),
                           KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master],
                           KEYCLOAK_ADMIN_CLIENT_ID [admin-cli]""";

    private ClientLoaderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command with its environment and output streams passed in, so it can be run from tests. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        boolean dryRun = false;
        for (String arg : args) {
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.startsWith("-")) {
                err.println("Unknown option " + arg + "\n" + USAGE);
                return EXIT_FAILED;
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 1) {
            err.println(USAGE);
            return EXIT_FAILED;
        }
        try (Reader csv = Files.newBufferedReader(Path.of(files.get(0)), StandardCharsets.UTF_8)) {
            LoaderSettings settings = LoaderSettings.fromEnvironment(environment);
            LoadReport report = new ClientLoader(new KeycloakAdmin(settings)).load(csv, dryRun);
            out.print(report.toText());
            return report.rejected().isEmpty() ? EXIT_OK : EXIT_ROWS_REJECTED;
        } catch (NoSuchFileException e) {
            err.println("No such file: " + e.getFile());
        } catch (IOException | RuntimeException e) {
            err.println("Load failed: " + e.getMessage());
        }
        return EXIT_FAILED;
    }
}
