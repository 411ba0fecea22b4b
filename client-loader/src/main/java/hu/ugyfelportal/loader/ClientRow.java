package hu.ugyfelportal.loader;

/** One data row of the contracts system's CSV export, as read: fields trimmed, not yet checked. */
public record ClientRow(int line, int columns, String email, String number, String type, String name) {
}
