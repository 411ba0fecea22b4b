package hu.ugyfelportal.loader;

/** Why a CSV row was not loaded; the report names it per row so the contracts system can be corrected. */
public enum Rejection {
    COLUMNS("bad row: it needs 4 columns (e-mail, ügyfélszám, típus, név)"),
    EMAIL("bad e-mail address"),
    NUMBER("bad client number: it has exactly 8 digits"),
    TYPE("bad type: MAGANSZEMELY, EGYENI_VALLALKOZO, OSTERMELO, CEG or TARSASHAZ"),
    NAME("bad name: empty or contains '|'"),
    DUPLICATE("duplicate client number"),
    KEYCLOAK("refused by Keycloak");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
