package hu.ugyfelportal.keycloak.emailcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of the e-mailed login code, as set on the authenticator's configuration in the admin console.
 * Every default and every bound lives here; a bad value is refused with a message naming the setting.
 *
 * @param codeLength      digits in a code
 * @param lifetime        how long a code is accepted after it was sent
 * @param maxWrongTries   wrong entries after which the code is void
 * @param resendCooldown  the wait between two sends
 * @param maxSends        codes sent at most in one login attempt (one authentication session)
 */
public record EmailCodeSettings(int codeLength, Duration lifetime, int maxWrongTries, Duration resendCooldown,
                                int maxSends) {

    public static final String CODE_LENGTH = "codeLength";
    public static final String LIFETIME_SECONDS = "lifetimeSeconds";
    public static final String MAX_WRONG_TRIES = "maxWrongTries";
    public static final String RESEND_COOLDOWN_SECONDS = "resendCooldownSeconds";
    public static final String MAX_SENDS = "maxSendsPerLogin";

    /** Allowed ranges, inclusive. Six digits at least, so five guesses stay a one-in-200,000 chance. */
    static final Range CODE_LENGTH_RANGE = new Range(CODE_LENGTH, 6, 12);
    static final Range LIFETIME_RANGE = new Range(LIFETIME_SECONDS, 1, 3600);
    static final Range WRONG_TRIES_RANGE = new Range(MAX_WRONG_TRIES, 1, 10);
    static final Range COOLDOWN_RANGE = new Range(RESEND_COOLDOWN_SECONDS, 0, 3600);
    static final Range SENDS_RANGE = new Range(MAX_SENDS, 1, 20);

    /** Declared after the ranges, which its construction checks against. */
    public static final EmailCodeSettings DEFAULTS =
            new EmailCodeSettings(6, Duration.ofSeconds(300), 5, Duration.ofSeconds(30), 5);

    public EmailCodeSettings {
        List<String> problems = new ArrayList<>();
        CODE_LENGTH_RANGE.check(codeLength, problems);
        if (lifetime == null) {
            problems.add(LIFETIME_SECONDS + " is missing");
        } else {
            LIFETIME_RANGE.check(lifetime.toSeconds(), problems);
        }
        WRONG_TRIES_RANGE.check(maxWrongTries, problems);
        if (resendCooldown == null) {
            problems.add(RESEND_COOLDOWN_SECONDS + " is missing");
        } else {
            COOLDOWN_RANGE.check(resendCooldown.toSeconds(), problems);
        }
        SENDS_RANGE.check(maxSends, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid e-mail code settings: " + String.join("; ", problems));
        }
    }

    /**
     * Reads the authenticator's configuration (null or missing keys take the default; blank means default too).
     *
     * @throws IllegalArgumentException naming every setting that is not a whole number in its range
     */
    public static EmailCodeSettings from(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        List<String> problems = new ArrayList<>();
        int length = read(values, CODE_LENGTH_RANGE, DEFAULTS.codeLength(), problems);
        int lifetime = read(values, LIFETIME_RANGE, (int) DEFAULTS.lifetime().toSeconds(), problems);
        int tries = read(values, WRONG_TRIES_RANGE, DEFAULTS.maxWrongTries(), problems);
        int cooldown = read(values, COOLDOWN_RANGE, (int) DEFAULTS.resendCooldown().toSeconds(), problems);
        int sends = read(values, SENDS_RANGE, DEFAULTS.maxSends(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid e-mail code settings: " + String.join("; ", problems));
        }
        return new EmailCodeSettings(length, Duration.ofSeconds(lifetime), tries, Duration.ofSeconds(cooldown), sends);
    }

    /** The configuration that reproduces these settings, e.g. for the realm file or the admin console defaults. */
    public Map<String, String> toConfig() {
        return Map.of(
                CODE_LENGTH, String.valueOf(codeLength),
                LIFETIME_SECONDS, String.valueOf(lifetime.toSeconds()),
                MAX_WRONG_TRIES, String.valueOf(maxWrongTries),
                RESEND_COOLDOWN_SECONDS, String.valueOf(resendCooldown.toSeconds()),
                MAX_SENDS, String.valueOf(maxSends));
    }

    /** The lifetime as the customer reads it: whole minutes when it is a whole number of minutes, else seconds. */
    public Lifetime lifetimeForPeople() {
        long seconds = lifetime.toSeconds();
        return seconds % 60 == 0 ? new Lifetime(seconds / 60, true) : new Lifetime(seconds, false);
    }

    public record Lifetime(long amount, boolean inMinutes) {
    }

    private static int read(Map<String, String> config, Range range, int fallback, List<String> problems) {
        String raw = config.get(range.key());
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (range.check(value, problems)) {
                return value;
            }
        } catch (NumberFormatException e) {
            problems.add(range.describe() + ", got '" + raw + "'");
        }
        return fallback;
    }

    record Range(String key, int min, int max) {

        boolean check(long value, List<String> problems) {
            if (value < min || value > max) {
                problems.add(describe() + ", got " + value);
                return false;
            }
            return true;
        }

        String describe() {
            return key + " must be a whole number from " + min + " to " + max;
        }
    }
}
