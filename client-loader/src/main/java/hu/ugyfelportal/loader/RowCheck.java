package hu.ugyfelportal.loader;

import hu.ugyfelportal.keycloak.clientnumber.ClientNumber;
import hu.ugyfelportal.keycloak.clientnumber.ClientType;

import java.util.Optional;
import java.util.regex.Pattern;

/** The checks of one row on its own, with the same number and type rules as the admin console. */
final class RowCheck {

    static final int COLUMNS = 4;
    /** A plain address: something@domain.tld, no spaces; Keycloak's own e-mail validator checks the rest. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private RowCheck() {
    }

    static Optional<Rejection> problemOf(ClientRow row) {
        if (row.columns() != COLUMNS) {
            return Optional.of(Rejection.COLUMNS);
        }
        if (!EMAIL.matcher(row.email()).matches()) {
            return Optional.of(Rejection.EMAIL);
        }
        if (!ClientNumber.isValidNumber(row.number())) {
            return Optional.of(Rejection.NUMBER);
        }
        if (ClientType.parse(row.type()).isEmpty()) {
            return Optional.of(Rejection.TYPE);
        }
        if (!ClientNumber.isValidName(row.name())) {
            return Optional.of(Rejection.NAME);
        }
        return Optional.empty();
    }

    /** The checked row as a client number; only for rows without a problem. */
    static ClientNumber clientNumberOf(ClientRow row) {
        return new ClientNumber(row.number(), ClientType.parse(row.type()).orElseThrow(), row.name());
    }
}
