package hu.ugyfelportal.keycloak.clientnumber;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The client number chosen at login, kept as user-session notes for the whole SSO session. Only the number and
 * the login method are kept: type and name are read from the user each time, and the number is checked again
 * against the user's current client numbers before it goes into a token.
 */
public record ChosenClientNumber(String number, LoginMethod loginMethod) {

    static final String NUMBER_NOTE = "ugyfelportal.clientNumber";
    static final String LOGIN_METHOD_NOTE = "ugyfelportal.clientNumber.loginMethod";

    /** Written to the authentication session; Keycloak copies the notes onto the user session when login ends. */
    static void store(AuthenticationSessionModel authSession, ClientNumber clientNumber, LoginMethod loginMethod) {
        authSession.setUserSessionNote(NUMBER_NOTE, clientNumber.number());
        authSession.setUserSessionNote(LOGIN_METHOD_NOTE, loginMethod.name());
    }

    static Optional<ChosenClientNumber> of(UserSessionModel userSession) {
        return fromNotes(userSession::getNote);
    }

    /** A login method this version does not know (left by another version) counts as no choice: none is trusted. */
    static Optional<ChosenClientNumber> fromNotes(UnaryOperator<String> note) {
        String number = note.apply(NUMBER_NOTE);
        if (number == null) {
            return Optional.empty();
        }
        return ConfigReader.parse(note.apply(LOGIN_METHOD_NOTE), LoginMethod.class, Enum::name)
                .map(method -> new ChosenClientNumber(number, method));
    }

    /** The user's client number as it is now, if the user still holds it and may still enter it this way. */
    Optional<ClientNumber> stillHeldBy(UserModel user) {
        return ClientNumbers.findEligible(user, loginMethod, number);
    }
}
