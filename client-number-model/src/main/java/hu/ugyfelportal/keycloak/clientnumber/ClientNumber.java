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
        if (!isValidNumber(number)) {
            throw new IllegalArgumentException("A client number has 8 digits: " + number);
        }
        if (type == null) {
            throw new IllegalArgumentException("A client number needs a type");
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("A client number needs a name without '|'");
        }
    }

    /** Whether this is a well-formed number (8 digits), for tools that get the number on its own. */
    public static boolean isValidNumber(String number) {
        return number != null && NUMBER.matcher(number).matches();
    }

    /** Whether this can be a client number's name: not blank, and without the separator. */
    public static boolean isValidName(String name) {
        return name != null && !name.isBlank() && !name.contains("|");
    }

    /** Reads one attribute value; empty when it is not of the form {@code number | TYPE | name}. */
    public static Optional<ClientNumber> parse(String value) {
        if (problemOf(value).isPresent()) {
            return Optional.empty();
        }
        Matcher matcher = VALUE.matcher(value);
        matcher.matches();
        return Optional.of(new ClientNumber(matcher.group(1), ClientType.parse(matcher.group(2)).orElseThrow(),
                matcher.group(3)));
    }

    /**
     * What is wrong with an attribute value, if anything: the admin console's validator and the bulk loader report
     * it to the person who typed it, so it names the first wrong part rather than only "invalid".
     */
    public static Optional<Problem> problemOf(String value) {
        Matcher matcher = value == null ? null : VALUE.matcher(value);
        if (matcher == null || !matcher.matches() || matcher.group(3).contains("|")) {
            return Optional.of(Problem.FORMAT);
        }
        if (!NUMBER.matcher(matcher.group(1)).matches()) {
            return Optional.of(Problem.NUMBER);
        }
        if (ClientType.parse(matcher.group(2)).isEmpty()) {
            return Optional.of(Problem.TYPE);
        }
        return Optional.empty();
    }

    /** Why a value is not a client number; each has its own message in the admin console and the loader report. */
    public enum Problem {
        /** Not three parts {@code number | TYPE | name}, or no name. */
        FORMAT,
        /** The number is not 8 digits. */
        NUMBER,
        /** The type is not one of {@link ClientType}. */
        TYPE
    }

    /** The attribute value, as {@link #parse} reads it. */
    public String format() {
        return number + SEPARATOR + type.name() + SEPARATOR + name;
    }
}
