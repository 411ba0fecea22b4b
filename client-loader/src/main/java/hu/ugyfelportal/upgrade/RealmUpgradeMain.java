package hu.ugyfelportal.upgrade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.ugyfelportal.loader.KeycloakAdmin;
import hu.ugyfelportal.loader.LoaderSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code upgrade-realm <realm-file.json> [--dry-run] [--overwrite-environment-values]}: brings the realm on the server
 * to the state of the realm file and prints what it changed.
 * Exit codes (as the bulk loader's): 0 the realm matches the file (nothing to change, everything changed, or a dry
 * run), 2 Keycloak refused some changes (see the report; the others were made), 1 the run could not be done.
 */
public final class RealmUpgradeMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CHANGES_REFUSED = 2;
    private static final String USAGE = """
            Usage: upgrade-realm.sh [realm-file.json] [--dry-run] [--overwrite-environment-values]
              The file defaults to realm-config/ugyfelportal-realm.json.
              Brings the realm KEYCLOAK_REALM on the server to the state of the realm file: authentication flows,
              executions and their settings, identity providers and their mappers, the user profile, client scopes,
              clients, localization texts and realm settings. Never users, credentials, sessions or events.
              Values that are ${VAR} placeholders in the file keep their value on the server, unless
              --overwrite-environment-values sets them from this command's environment (or the file's default).
              --dry-run prints what would change and changes nothing.
              Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required),
                           KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master],
                           KEYCLOAK_ADMIN_CLIENT_ID [admin-cli]""";

    private RealmUpgradeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command with its environment and output streams passed in, so it can be run from tests. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        boolean dryRun = false;
        boolean overwrite = false;
        for (String arg : args) {
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--overwrite-environment-values" -> overwrite = true;
                default -> {
                    if (arg.startsWith("-")) {
                        err.println("Unknown option " + arg + "\n" + USAGE);
                        return EXIT_FAILED;
                    }
                    files.add(arg);
                }
            }
        }
        if (files.size() != 1) {
            err.println(USAGE);
            return EXIT_FAILED;
        }
        try {
            Map<String, Object> realmFile = new ObjectMapper().readValue(Files.readString(Path.of(files.get(0))),
                    new TypeReference<>() {
                    });
            LoaderSettings settings = LoaderSettings.fromEnvironment(environment);
            UpgradeReport report = new RealmUpgrade(new KeycloakAdmin(settings),
                    new Placeholders(environment, overwrite), dryRun).upgrade(realmFile);
            out.print(report.toText(settings.realm(), dryRun));
            return report.anyRefused() ? EXIT_CHANGES_REFUSED : EXIT_OK;
        } catch (NoSuchFileException e) {
            err.println("No such file: " + e.getFile());
        } catch (IOException | RuntimeException e) {
            err.println("Upgrade failed: " + e.getMessage());
        }
        return EXIT_FAILED;
    }
}
