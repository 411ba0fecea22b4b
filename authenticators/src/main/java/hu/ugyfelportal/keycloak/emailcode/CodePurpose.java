package hu.ugyfelportal.keycloak.emailcode;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the e-mailed code is for in this authentication session, so that its page and its mail speak of the step the
 * customer is in. The login flow marks nothing (a login); the link steps of the reset-credentials flow mark a
 * registration or a password reset before the code step runs. Keycloak clears the mark with every other auth note
 * when a flow starts again.
 */
public enum CodePurpose {

    LOGIN(""),
    REGISTRATION(".registration"),
    PASSWORD_RESET(".reset");

    static final String NOTE = EmailCodeState.PREFIX + "purpose";

    private final String keySuffix;

    CodePurpose(String keySuffix) {
        this.keySuffix = keySuffix;
    }

    public void markOn(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(NOTE, name());
    }

    static CodePurpose of(AuthenticationSessionModel authSession) {
        return fromNote(authSession.getAuthNote(NOTE));
    }

    /** No mark, or one this version does not know (left by another version), is a login. */
    static CodePurpose fromNote(String note) {
        return ConfigReader.parse(note, CodePurpose.class, Enum::name).orElse(LOGIN);
    }

    /**
     * Appended to a message key for this purpose's words: the login's words (the FAQ's) have the plain key,
     * {@code emailCode.submit}; a registration's are {@code emailCode.submit.registration}.
     */
    String keySuffix() {
        return keySuffix;
    }
}
