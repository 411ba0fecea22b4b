package hu.ugyfelportal.upgrade;

import java.util.ArrayList;
import java.util.List;

/**
 * What the upgrade changed (or, in a dry run, would change), where the release and the operator changed the same
 * value (conflicts: the realm's value kept), what Keycloak refused (the run stopped there), and problems found on the
 * server that the operator must fix (a secret that is a placeholder or empty).
 */
final class UpgradeReport {

    record Change(String what, List<String> details, String refusal) {
    }

    private record Conflict(String what, List<String> details) {
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String base = "";
    private String remembered;

    void add(String what, List<String> details) {
        changes.add(new Change(what, details, null));
    }

    void refused(String what, List<String> details, String refusal) {
        changes.add(new Change(what, details, refusal));
    }

    void conflicts(String what, List<String> details) {
        if (!details.isEmpty()) {
            conflicts.add(new Conflict(what, details));
        }
    }

    void problem(String text) {
        problems.add(text);
    }

    /** Which realm file the release's changes were taken against, one sentence. */
    void base(String sentence) {
        base = sentence;
    }

    /** The realm file the realm remembers from now on, when that is new. */
    void remembered(String version) {
        remembered = version;
    }

    boolean anyRefused() {
        return changes.stream().anyMatch(change -> change.refusal() != null);
    }

    /** Conflicts and problems: the run ended, but the realm differs from the file in a way the operator must see. */
    boolean needsAttention() {
        return !conflicts.isEmpty() || !problems.isEmpty();
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    String toText(String realm, boolean dryRun) {
        StringBuilder text = new StringBuilder();
        if (changes.isEmpty() && !needsAttention()) {
            text.append("No change: realm ").append(realm).append(" already matches the realm file.\n");
            if (remembered != null) {
                text.append(base).append('\n');
            }
            return withRemembered(text, dryRun).toString();
        }
        text.append(base).append('\n');
        for (Change change : changes) {
            String verb = change.refusal() != null ? "REFUSED" : dryRun ? "would change" : "changed";
            text.append(verb).append(": ").append(change.what()).append('\n');
            change.details().forEach(detail -> text.append("    ").append(detail).append('\n'));
            if (change.refusal() != null) {
                text.append("    Keycloak answered: ").append(change.refusal()).append('\n')
                        .append("STOPPED here: the changes above were made, none after this one; the realm works as it")
                        .append(" is. Fix the cause and run again.\n");
            }
        }
        for (Conflict conflict : conflicts) {
            text.append("CONFLICT: ").append(conflict.what()).append('\n');
            conflict.details().forEach(detail -> text.append("    ").append(detail).append('\n'));
        }
        problems.forEach(problem -> text.append("PROBLEM: ").append(problem).append('\n'));
        long refused = changes.stream().filter(change -> change.refusal() != null).count();
        text.append(changes.size() - refused).append(dryRun ? " change(s) would be made" : " change(s) made")
                .append(" in realm ").append(realm);
        if (refused > 0) {
            text.append(", stopped at a change Keycloak refused");
        }
        if (!conflicts.isEmpty()) {
            text.append(", ").append(conflicts.size()).append(" conflict(s): the realm's values kept")
                    .append(" (--force-file-values sets the file's)");
        }
        if (!problems.isEmpty()) {
            text.append(", ").append(problems.size()).append(" problem(s) to fix");
        }
        text.append(dryRun ? " (dry run: nothing was changed).\n" : ".\n");
        return withRemembered(text, dryRun).toString();
    }

    private StringBuilder withRemembered(StringBuilder text, boolean dryRun) {
        if (remembered != null) {
            text.append(dryRun ? "The realm would remember " : "The realm now remembers ").append(remembered)
                    .append(" as the base of its next upgrade.\n");
        }
        return text;
    }
}
