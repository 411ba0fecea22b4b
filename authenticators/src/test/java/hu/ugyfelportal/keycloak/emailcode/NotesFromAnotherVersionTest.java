package hu.ugyfelportal.keycloak.emailcode;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Notes another version of the bundle wrote (before an upgrade, or a node not yet upgraded) read as absent. */
class NotesFromAnotherVersionTest {

    @Test
    void aPurposeThisVersionDoesNotKnowIsALogin() {
        assertThat(CodePurpose.fromNote(null)).isEqualTo(CodePurpose.LOGIN);
        assertThat(CodePurpose.fromNote("REGISTRATION")).isEqualTo(CodePurpose.REGISTRATION);
        assertThat(CodePurpose.fromNote("PASSWORD_RESET")).isEqualTo(CodePurpose.PASSWORD_RESET);
        assertThat(CodePurpose.fromNote("ACCOUNT_RECOVERY")).isEqualTo(CodePurpose.LOGIN);
        assertThat(CodePurpose.fromNote("registration")).isEqualTo(CodePurpose.LOGIN);
    }

    @Test
    void theCodeStateRoundTripsThroughItsNotes() {
        EmailCodeState sent = EmailCodeState.NONE.withDeliveredCode("hash", 1_000L).withWrongTry();

        assertThat(EmailCodeState.fromNotes(sent.toNotes()::get)).isEqualTo(sent);
    }

    @Test
    void aNumberNoteThatDoesNotParseCountsAsAbsent() {
        Map<String, String> notes = Map.of(EmailCodeState.HASH, "hash", EmailCodeState.ISSUED_AT, "2026-12-01T10:00",
                EmailCodeState.WRONG_TRIES, "two", EmailCodeState.SENDS, "1", EmailCodeState.LAST_SENT, "");

        EmailCodeState state = EmailCodeState.fromNotes(notes::get);

        assertThat(state).isEqualTo(new EmailCodeState("hash", 0, 0, 1, 0));
        // Issued "at 0", the code is long expired: a garbled note never lengthens a code's life.
        assertThat(new EmailCodeRules(EmailCodeSettings.DEFAULTS).isExpired(state, 1_000_000L)).isTrue();
    }
}
