package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.ConfigReader;

/**
 * Which page the customer came to. Both share one flow (Keycloak's reset-credentials flow), because both end in
 * the same single-use link and the same "set a password" step; they differ in the page and the answers.
 */
public enum LinkPurpose {

    /** "Regisztrációs oldal": claim a provisioned account that has no password yet. */
    REGISTRATION("ugyfelportal-registration.ftl", "registration.mailSubject", "ugyfelportal-registration-link.ftl"),
    /** "Elfelejtett jelszó": set a new password. */
    PASSWORD_RESET("ugyfelportal-forgot-password.ftl", "forgotPassword.mailSubject", "ugyfelportal-reset-link.ftl");

    /**
     * Query parameter on the reset-credentials URL: {@code registration} opens the registration page, {@code reset}
     * the forgotten-password page; without it the page stays what it was (Keycloak's own links carry none).
     */
    public static final String PARAMETER = "purpose";
    static final String REGISTRATION_VALUE = "registration";

    private final String pageTemplate;
    private final String mailSubjectKey;
    private final String mailTemplate;

    LinkPurpose(String pageTemplate, String mailSubjectKey, String mailTemplate) {
        this.pageTemplate = pageTemplate;
        this.mailSubjectKey = mailSubjectKey;
        this.mailTemplate = mailTemplate;
    }

    public static LinkPurpose fromParameter(String value) {
        return REGISTRATION_VALUE.equals(value) ? REGISTRATION : PASSWORD_RESET;
    }

    /** The purpose kept in a note; none, or one this version does not know (left by another version), is a reset. */
    static LinkPurpose fromNote(String note) {
        return ConfigReader.parse(note, LinkPurpose.class, Enum::name).orElse(PASSWORD_RESET);
    }

    public String pageTemplate() {
        return pageTemplate;
    }

    public String mailSubjectKey() {
        return mailSubjectKey;
    }

    public String mailTemplate() {
        return mailTemplate;
    }
}
