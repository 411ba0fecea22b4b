package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import org.keycloak.common.util.SecretGenerator;

import java.time.Duration;
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
    static final int CODE_LENGTH_MIN = 6;
    static final int CODE_LENGTH_MAX = 12;
    static final int LIFETIME_MIN = 1;
    static final int LIFETIME_MAX = 3600;
    static final int WRONG_TRIES_MIN = 1;
    static final int WRONG_TRIES_MAX = 10;
    static final int COOLDOWN_MIN = 0;
    static final int COOLDOWN_MAX = 3600;
    static final int SENDS_MIN = 1;
    static final int SENDS_MAX = 20;

    /** What the settings are called in the messages of {@link ConfigReader}. */
    static final String NAME = "e-mail code";

    /** Declared after the bounds, which its construction checks against. */
    public static final EmailCodeSettings DEFAULTS =
            new EmailCodeSettings(6, Duration.ofSeconds(300), 5, Duration.ofSeconds(30), 5);

    /** Refuses what the configuration would refuse, so that no code path holds settings out of their bounds. */
    public EmailCodeSettings {
        ConfigReader check = new ConfigReader(NAME, null);
        check.range(CODE_LENGTH, codeLength, CODE_LENGTH_MIN, CODE_LENGTH_MAX);
        if (lifetime == null) {
            check.problem(LIFETIME_SECONDS + " is missing");
        } else {
            check.range(LIFETIME_SECONDS, lifetime.toSeconds(), LIFETIME_MIN, LIFETIME_MAX);
        }
        check.range(MAX_WRONG_TRIES, maxWrongTries, WRONG_TRIES_MIN, WRONG_TRIES_MAX);
        if (resendCooldown == null) {
            check.problem(RESEND_COOLDOWN_SECONDS + " is missing");
        } else {
            check.range(RESEND_COOLDOWN_SECONDS, resendCooldown.toSeconds(), COOLDOWN_MIN,
                    COOLDOWN_MAX);
        }
        check.range(MAX_SENDS, maxSends, SENDS_MIN, SENDS_MAX);
        check.finish();
    }

    /**
     * Reads the authenticator's configuration (null or missing keys take the default; blank means default too).
     *
     * @throws ConfigReader.InvalidSettingsException naming every setting that is not a whole number in its range
     */
    public static EmailCodeSettings from(Map<String, String> config) {
        ConfigReader read = new ConfigReader(NAME, config);
        int length = read.wholeNumber(CODE_LENGTH, CODE_LENGTH_MIN, CODE_LENGTH_MAX, DEFAULTS.codeLength());
        Duration lifetime = read.seconds(LIFETIME_SECONDS, LIFETIME_MIN, LIFETIME_MAX,
                DEFAULTS.lifetime());
        int tries = read.wholeNumber(MAX_WRONG_TRIES, WRONG_TRIES_MIN, WRONG_TRIES_MAX, DEFAULTS.maxWrongTries());
        Duration cooldown = read.seconds(RESEND_COOLDOWN_SECONDS, COOLDOWN_MIN, COOLDOWN_MAX,
                DEFAULTS.resendCooldown());
        int sends = read.wholeNumber(MAX_SENDS, SENDS_MIN, SENDS_MAX, DEFAULTS.maxSends());
        read.finish();
        return new EmailCodeSettings(length, lifetime, tries, cooldown, sends);
    }

    /** A fresh code of {@link #codeLength} decimal digits, each drawn uniformly by Keycloak's secure random source. */
    String newCode() {
        return SecretGenerator.getInstance().randomString(codeLength, SecretGenerator.DIGITS);
    }

    /** The lifetime as the customer reads it: whole minutes when it is a whole number of minutes, else seconds. */
    public Lifetime lifetimeForPeople() {
        long seconds = lifetime.toSeconds();
        return seconds % 60 == 0 ? new Lifetime(seconds / 60, true) : new Lifetime(seconds, false);
    }

    public record Lifetime(long amount, boolean inMinutes) {
    }
}
