package hu.ugyfelportal.keycloak.registration;

/**
 * What the registration and forgotten-password pages answer to an e-mail address: the rules of SPEC §5 in one
 * place, without Keycloak types.
 */
public enum LinkRequestAnswer {

    /** Send the link and say so. */
    SEND_LINK,
    /** Say a link was sent, but send nothing: the address has no account and the realm hides that. */
    PRETEND_SENT,
    /** Forgotten password, unknown address: „Sikertelen jelszó visszaállítási folyamat”. */
    UNKNOWN_EMAIL_FOR_RESET,
    /** Registration, unknown address: check the e-mail address given in the contract. */
    UNKNOWN_EMAIL_FOR_REGISTRATION,
    /** Registration of an account that already has a password: use "Elfelejtette a jelszavát?". */
    ALREADY_REGISTERED;

    /**
     * The state of the account behind an address. A disabled account counts as none. {@code PASSWORD_NOT_READ}: an
     * account whose password was not looked at, because the hiding answers treat every account alike and a known
     * address must not cost more reads before its answer than an unknown one.
     */
    public enum Account { NONE, WITHOUT_PASSWORD, WITH_PASSWORD, PASSWORD_NOT_READ }

    public static LinkRequestAnswer decide(LinkPurpose purpose, Account account, PasswordLinkConfig config) {
        if (account == Account.PASSWORD_NOT_READ && config.revealUnknownEmail()) {
            throw new IllegalArgumentException("The revealing answers need to know whether the account has a password");
        }
        if (account == Account.NONE) {
            if (!config.revealUnknownEmail()) {
                return PRETEND_SENT;
            }
            return purpose == LinkPurpose.REGISTRATION ? UNKNOWN_EMAIL_FOR_REGISTRATION : UNKNOWN_EMAIL_FOR_RESET;
        }
        if (purpose == LinkPurpose.REGISTRATION && account == Account.WITH_PASSWORD && config.revealUnknownEmail()) {
            return ALREADY_REGISTERED;
        }
        // A provisioned account asking for a reset, or (when the realm hides accounts) a registered one asking to
        // register: the link sets a password either way, which is what a forgotten-password request would give.
        return SEND_LINK;
    }
}
