package hu.ugyfelportal.upgrade;

import java.util.ArrayList;
import java.util.List;

/** What the upgrade changed (or, in a dry run, would change), and what Keycloak refused. */
final class UpgradeReport {

    record Change(String what, List<String> details, String refusal) {
    }

    private final List<Change> changes = new ArrayList<>();

    void add(String what, List<String> details) {
        changes.add(new Change(what, details, null));
    }

    void refused(String what, List<String> details, String refusal) {
        changes.add(new Change(what, details, refusal));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    boolean anyRefused() {
        return changes.stream().anyMatch(change -> change.refusal() != null);
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    String toText(String realm, boolean dryRun) {
        if (changes.isEmpty()) {
            return "No change: realm " + realm + " already matches the realm file.\n";
        }
        StringBuilder text = new StringBuilder();
        for (Change change : changes) {
            String verb = change.refusal() != null ? "REFUSED" : dryRun ? "would change" : "changed";
            text.append(verb).append(": ").append(change.what()).append('\n');
            change.details().forEach(detail -> text.append("    ").append(detail).append('\n'));
            if (change.refusal() != null) {
                text.append("    Keycloak answered: ").append(change.refusal()).append('\n');
            }
        }
        long refused = changes.stream().filter(change -> change.refusal() != null).count();
        text.append(changes.size() - refused).append(dryRun ? " change(s) would be made" : " change(s) made")
                .append(" in realm ").append(realm);
        if (refused > 0) {
            text.append(", ").append(refused).append(" refused by Keycloak");
        }
        return text.append(dryRun ? " (dry run: nothing was changed).\n" : ".\n").toString();
    }
}
