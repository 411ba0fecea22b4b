package hu.ugyfelportal.keycloak.registration;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the registration and forgotten-password links, read from the config of the link-request step
 * in the realm's reset-credentials flow (admin console: Authentication → "ugyfelportal reset credentials").
 *
 * @param linkLifetime       how long an e-mailed link can be used
 * @param revealUnknownEmail {@code true}: an unknown e-mail gets the FAQ's „Sikertelen jelszó visszaállítási
 *                           folyamat” answer; {@code false}: every address gets the same "we sent you an e-mail"
 *                           page, so the pages do not tell whether an address has an account
 * @param mailCooldown       the least time between two link mails to one address (0: no cool-down)
 * @param mailsPerHour       link mails to one address at most within an hour
 */
public record PasswordLinkConfig(Duration linkLifetime, boolean revealUnknownEmail, Duration mailCooldown,
                                 int mailsPerHour) {

    public static final String LINK_LIFETIME_SECONDS = "linkLifetimeSeconds";
    public static final String REVEAL_UNKNOWN_EMAIL = "revealUnknownEmail";
    public static final String MAIL_COOLDOWN_SECONDS = "mailCooldownSeconds";
    public static final String MAILS_PER_HOUR = "mailsPerHour";

    /** Long enough to open the mail and finish on a phone, short enough that a forgotten mail is soon useless. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    /** The FAQ describes the revealing answer, so it is the default; operators can switch it off. */
    public static final boolean DEFAULT_REVEAL_UNKNOWN_EMAIL = true;
    static final Duration MAX_LINK_LIFETIME = Duration.ofHours(24);
    /** One mail a minute and five an hour are more than a customer needs and too few to flood a mailbox. */
    public static final Duration DEFAULT_MAIL_COOLDOWN = Duration.ofSeconds(60);
    public static final int DEFAULT_MAILS_PER_HOUR = 5;
    static final Duration MAX_MAIL_COOLDOWN = Duration.ofHours(1);
    static final int MAX_MAILS_PER_HOUR = 100;

    public PasswordLinkConfig {
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException(LINK_LIFETIME_SECONDS + " must be between 1 and "
                    + MAX_LINK_LIFETIME.toSeconds() + " seconds, was " + linkLifetime.toSeconds());
        }
        if (mailCooldown.isNegative() || mailCooldown.compareTo(MAX_MAIL_COOLDOWN) > 0) {
            throw new IllegalArgumentException(MAIL_COOLDOWN_SECONDS + " must be between 0 and "
                    + MAX_MAIL_COOLDOWN.toSeconds() + " seconds, was " + mailCooldown.toSeconds());
        }
        checkMailsPerHour(mailsPerHour);
    }

    private static int checkMailsPerHour(long mailsPerHour) {
        if (mailsPerHour < 1 || mailsPerHour > MAX_MAILS_PER_HOUR) {
            throw new IllegalArgumentException(MAILS_PER_HOUR + " must be between 1 and " + MAX_MAILS_PER_HOUR
                    + ", was " + mailsPerHour);
        }
        return (int) mailsPerHour;
    }

    public static PasswordLinkConfig defaults() {
        return new PasswordLinkConfig(DEFAULT_LINK_LIFETIME, DEFAULT_REVEAL_UNKNOWN_EMAIL, DEFAULT_MAIL_COOLDOWN,
                DEFAULT_MAILS_PER_HOUR);
    }

    /** From the admin console's config map (null when the step has no config): missing or blank values take defaults. */
    public static PasswordLinkConfig from(Map<String, String> config) {
        if (config == null) {
            return defaults();
        }
        Duration lifetime = Duration.ofSeconds(wholeNumber(config, LINK_LIFETIME_SECONDS,
                DEFAULT_LINK_LIFETIME.toSeconds()));
        boolean reveal = DEFAULT_REVEAL_UNKNOWN_EMAIL;
        String revealValue = config.get(REVEAL_UNKNOWN_EMAIL);
        if (revealValue != null && !revealValue.isBlank()) {
            reveal = Boolean.parseBoolean(revealValue.trim());
        }
        Duration cooldown = Duration.ofSeconds(wholeNumber(config, MAIL_COOLDOWN_SECONDS,
                DEFAULT_MAIL_COOLDOWN.toSeconds()));
        int perHour = checkMailsPerHour(wholeNumber(config, MAILS_PER_HOUR, DEFAULT_MAILS_PER_HOUR));
        return new PasswordLinkConfig(lifetime, reveal, cooldown, perHour);
    }

    private static long wholeNumber(Map<String, String> config, String name, long defaultValue) {
        String value = config.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }
}
