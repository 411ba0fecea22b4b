package hu.ugyfelportal.upgrade;

import hu.ugyfelportal.loader.KeycloakAdmin;
import hu.ugyfelportal.loader.LoaderSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code upgrade-realm <realm-file.json> [--dry-run] [--overwrite-environment-values] [--prune]
 * [--force-file-values]}: brings the realm on the server to a new realm file three ways and prints what it changed.
 * Exit codes: 0 done (nothing to change, everything changed, or a dry run), 1 the run could not be done or was refused
 * before any change, 2 Keycloak refused a change (the run stopped there), 3 done, but conflicts kept the realm's
 * values or a secret on the server is broken (see the report).
 */
public final class RealmUpgradeMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CHANGES_REFUSED = 2;
    public static final int EXIT_NEEDS_ATTENTION = 3;
    private static final Set<String> OPTIONS = Set.of("--dry-run", "--overwrite-environment-values", "--prune",
            "--force-file-values");
    private static final String USAGE = """
            Usage: upgrade-realm.sh [realm-file.json] [--dry-run] [--overwrite-environment-values] [--prune]
                                    [--force-file-values]
              The file defaults to realm-config/ugyfelportal-realm.json.
              Brings the realm KEYCLOAK_REALM on the server to the realm file the way a package manager treats a
              changed configuration file: only what changed between the realm file the realm was last brought to
              (remembered in the realm) and this one is made; what an operator changed or added stays; where both
              changed the same value the realm's value stays and the conflict is printed with both values.
              Covers authentication flows, executions and their settings, identity providers and their mappers, the
              user profile, client scopes, clients, localization texts and realm settings. Never users, credentials,
              sessions, links, roles, groups or events.
              --dry-run                       prints what would change and changes nothing
              --prune                         also removes mappers, flow steps, step settings and user-profile
                                              attributes the file lacks (also the operator's own)
              --force-file-values             sets the file's values also where the operator changed them, and
                                              creates again what the operator deleted
              --overwrite-environment-values  sets ${VAR} placeholders from this command's environment (or the
                                              file's default) instead of keeping the server's values; refused when
                                              a variable is unset and has no default or an empty one
              Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required),
                           KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master],
                           KEYCLOAK_ADMIN_CLIENT_ID [admin-cli]
              Exit: 0 done, 1 failed or refused before any change, 2 Keycloak refused a change (stopped there),
                    3 done, with conflicts or a broken secret on the server to look at""";

    private RealmUpgradeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The whole command with its environment and output streams passed in, so it can be run from tests. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        Set<String> options = new HashSet<>();
        for (String arg : args) {
            if (OPTIONS.contains(arg)) {
                options.add(arg);
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
        boolean dryRun = options.contains("--dry-run");
        try {
            String text = Files.readString(Path.of(files.get(0)));
            Map<String, Object> realmFile = RealmFileHistory.parse(text);
            Placeholders placeholders = new Placeholders(environment,
                    options.contains("--overwrite-environment-values"));
            if (placeholders.overwriteServer()) {
                List<String> refused = new ArrayList<>(placeholders.unusable(text));
                refused.addAll(Secrets.emptyFromEnvironment(realmFile, placeholders));
                if (!refused.isEmpty()) {
                    err.println("Refused, nothing was changed: --overwrite-environment-values would write these"
                            + " values literally or empty:");
                    refused.forEach(problem -> err.println("    " + problem));
                    err.println("Export each with the value the nodes have (an empty value only where you mean it),"
                            + " or run without --overwrite-environment-values to keep the server's values.");
                    return EXIT_FAILED;
                }
            }
            LoaderSettings settings = LoaderSettings.fromEnvironment(environment);
            FileComparison.Mode mode = new FileComparison.Mode(options.contains("--force-file-values"),
                    options.contains("--prune"));
            UpgradeReport report = new RealmUpgrade(new KeycloakAdmin(settings), placeholders, mode, dryRun)
                    .upgrade(realmFile, text);
            out.print(report.toText(settings.realm(), dryRun));
            return report.anyRefused() ? EXIT_CHANGES_REFUSED
                    : report.needsAttention() ? EXIT_NEEDS_ATTENTION : EXIT_OK;
        } catch (NoSuchFileException e) {
            err.println("No such file: " + e.getFile());
        } catch (IOException | RuntimeException e) {
            err.println("Upgrade failed: " + e.getMessage());
        }
        return EXIT_FAILED;
    }
}
