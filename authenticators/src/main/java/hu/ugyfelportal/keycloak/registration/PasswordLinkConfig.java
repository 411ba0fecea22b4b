package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.ConfigReader;

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
    /** What the settings are called in the messages of {@link ConfigReader}. */
    static final String NAME = "registration and password link";

    /** Long enough to open the mail and finish on a phone, short enough that a forgotten mail is soon useless. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    /** The FAQ describes the revealing answer, so it is the default; operators can switch it off. */
    public static final boolean DEFAULT_REVEAL_UNKNOWN_EMAIL = true;
    /** One mail a minute and five an hour are more than a customer needs and too few to flood a mailbox. */
    public static final Duration DEFAULT_MAIL_COOLDOWN = Duration.ofSeconds(60);
    public static final int DEFAULT_MAILS_PER_HOUR = 5;
    /** Allowed ranges, inclusive: a link lives a second to a day, the cool-down is at most an hour. */
    static final int LINK_LIFETIME_MIN = 1;
    static final int LINK_LIFETIME_MAX = (int) Duration.ofHours(24).toSeconds();
    static final int MAIL_COOLDOWN_MIN = 0;
    static final int MAIL_COOLDOWN_MAX = (int) Duration.ofHours(1).toSeconds();
    static final int MAILS_PER_HOUR_MIN = 1;
    static final int MAILS_PER_HOUR_MAX = 100;

    /** Refuses what the configuration would refuse, so that no code path holds settings out of their bounds. */
    public PasswordLinkConfig {
        ConfigReader check = new ConfigReader(NAME, null);
        check.range(LINK_LIFETIME_SECONDS, linkLifetime.toSeconds(), LINK_LIFETIME_MIN, LINK_LIFETIME_MAX);
        check.range(MAIL_COOLDOWN_SECONDS, mailCooldown.toSeconds(), MAIL_COOLDOWN_MIN, MAIL_COOLDOWN_MAX);
        check.range(MAILS_PER_HOUR, mailsPerHour, MAILS_PER_HOUR_MIN, MAILS_PER_HOUR_MAX);
        check.finish();
    }

    public static PasswordLinkConfig defaults() {
        return new PasswordLinkConfig(DEFAULT_LINK_LIFETIME, DEFAULT_REVEAL_UNKNOWN_EMAIL, DEFAULT_MAIL_COOLDOWN,
                DEFAULT_MAILS_PER_HOUR);
    }

    /**
     * From the admin console's config map (null when the step has no config): missing or blank values take defaults.
     *
     * @throws ConfigReader.InvalidSettingsException naming every bad setting
     */
    public static PasswordLinkConfig from(Map<String, String> config) {
        ConfigReader read = new ConfigReader(NAME, config);
        Duration lifetime = read.seconds(LINK_LIFETIME_SECONDS, LINK_LIFETIME_MIN, LINK_LIFETIME_MAX,
                DEFAULT_LINK_LIFETIME);
        boolean reveal = read.bool(REVEAL_UNKNOWN_EMAIL, DEFAULT_REVEAL_UNKNOWN_EMAIL);
        Duration cooldown = read.seconds(MAIL_COOLDOWN_SECONDS, MAIL_COOLDOWN_MIN, MAIL_COOLDOWN_MAX,
                DEFAULT_MAIL_COOLDOWN);
        int perHour = read.wholeNumber(MAILS_PER_HOUR, MAILS_PER_HOUR_MIN, MAILS_PER_HOUR_MAX, DEFAULT_MAILS_PER_HOUR);
        read.finish();
        return new PasswordLinkConfig(lifetime, reveal, cooldown, perHour);
    }
}
