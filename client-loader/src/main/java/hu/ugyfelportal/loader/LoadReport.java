package hu.ugyfelportal.loader;

import java.util.List;
import java.util.stream.Collectors;

/** What a run did (or, in a dry run, would do), and every row it did not load with the reason. */
public record LoadReport(boolean dryRun, int usersCreated, int usersUpdated, int usersUnchanged, int rowsLoaded,
                         List<RejectedRow> rejected) {

    public record RejectedRow(ClientRow row, Rejection reason, String detail) {

        @Override
        public String toString() {
            return "line " + row.line() + " (" + row.email() + ", " + row.number() + "): " + reason.description()
                    + (detail == null ? "" : " – " + detail);
        }
    }

    public String toText() {
        String verb = dryRun ? "would be " : "";
        String summary = (dryRun ? "DRY RUN, nothing was written.\n" : "")
                + "Users " + verb + "created: " + usersCreated + "\n"
                + "Users " + verb + "updated: " + usersUpdated + "\n"
                + "Users already up to date: " + usersUnchanged + "\n"
                + "Rows " + (dryRun ? "that would be " : "") + "loaded: " + rowsLoaded + "\n"
                + "Rows rejected: " + rejected.size() + "\n";
        return summary + rejected.stream().map(row -> "  " + row + "\n").collect(Collectors.joining());
    }
}
