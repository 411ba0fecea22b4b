package hu.ugyfelportal.keycloak.clientnumber;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client number (ügyfélszám) of a user: one contracting party and its own portal account.
 * Stored as one value of the multivalued user attribute {@value #ATTRIBUTE}, written as
 * {@code 12345678 | MAGANSZEMELY | Kovács János}, which reads well in the admin console.
 */
public record ClientNumber(String number, ClientType type, String name) {

    public static final String ATTRIBUTE = "ugyfelszam";
    static final String SEPARATOR = " | ";

    /** Digits only; the realm's user profile holds the same rule as a pattern validator for the admin console. */
    static final Pattern NUMBER = Pattern.compile("\\d{8}");
    private static final Pattern VALUE = Pattern.compile("^\\s*(\\S+)\\s*\\|\\s*(\\S+)\\s*\\|\\s*(.*\\S)\\s*$");

    public ClientNumber {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("A client number has 8 digits: " + number);
        }
        if (type == null) {
            throw new IllegalArgumentException("A client number needs a type");
        }
        if (name == null || name.isBlank() || name.contains("|")) {
            throw new IllegalArgumentException("A client number needs a name without '|'");
        }
    }

    /** Reads one attribute value; empty when it is not of the form {@code number | TYPE | name}. */
    public static Optional<ClientNumber> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = VALUE.matcher(value);
        if (!matcher.matches() || !NUMBER.matcher(matcher.group(1)).matches()) {
            return Optional.empty();
        }
        return ClientType.parse(matcher.group(2))
                .map(type -> new ClientNumber(matcher.group(1), type, matcher.group(3)));
    }

    /** The attribute value, as {@link #parse} reads it. */
    public String format() {
        return number + SEPARATOR + type.name() + SEPARATOR + name;
    }
}
