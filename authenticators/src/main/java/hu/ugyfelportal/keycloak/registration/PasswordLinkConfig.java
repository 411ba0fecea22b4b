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
 */
public record PasswordLinkConfig(Duration linkLifetime, boolean revealUnknownEmail) {

    public static final String LINK_LIFETIME_SECONDS = "linkLifetimeSeconds";
    public static final String REVEAL_UNKNOWN_EMAIL = "revealUnknownEmail";

    /** Long enough to open the mail and finish on a phone, short enough that a forgotten mail is soon useless. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(15);
    /** The FAQ describes the revealing answer, so it is the default; operators can switch it off. */
    public static final boolean DEFAULT_REVEAL_UNKNOWN_EMAIL = true;
    static final Duration MAX_LINK_LIFETIME = Duration.ofHours(24);

    public PasswordLinkConfig {
        if (linkLifetime.isNegative() || linkLifetime.isZero() || linkLifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException(LINK_LIFETIME_SECONDS + " must be between 1 and "
                    + MAX_LINK_LIFETIME.toSeconds() + " seconds, was " + linkLifetime.toSeconds());
        }
    }

    public static PasswordLinkConfig defaults() {
        return new PasswordLinkConfig(DEFAULT_LINK_LIFETIME, DEFAULT_REVEAL_UNKNOWN_EMAIL);
    }

    /** From the admin console's config map (null when the step has no config): missing or blank values take defaults. */
    public static PasswordLinkConfig from(Map<String, String> config) {
        if (config == null) {
            return defaults();
        }
        Duration lifetime = DEFAULT_LINK_LIFETIME;
        String seconds = config.get(LINK_LIFETIME_SECONDS);
        if (seconds != null && !seconds.isBlank()) {
            try {
                lifetime = Duration.ofSeconds(Long.parseLong(seconds.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(LINK_LIFETIME_SECONDS + " must be a whole number of seconds, was '"
                        + seconds + "'", e);
            }
        }
        boolean reveal = DEFAULT_REVEAL_UNKNOWN_EMAIL;
        String revealValue = config.get(REVEAL_UNKNOWN_EMAIL);
        if (revealValue != null && !revealValue.isBlank()) {
            reveal = Boolean.parseBoolean(revealValue.trim());
        }
        return new PasswordLinkConfig(lifetime, reveal);
    }
}
