package hu.ugyfelportal.keycloak.clientnumber;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChosenClientNumberTest {

    @Test
    void theChoiceIsReadFromTheUserSessionNotes() {
        Map<String, String> notes = Map.of(ChosenClientNumber.NUMBER_NOTE, "38001234",
                ChosenClientNumber.LOGIN_METHOD_NOTE, "DAP");

        assertThat(ChosenClientNumber.fromNotes(notes::get))
                .contains(new ChosenClientNumber("38001234", LoginMethod.DAP));
    }

    @Test
    void withoutEitherNoteThereIsNoChoice() {
        assertThat(ChosenClientNumber.fromNotes(Map.of(ChosenClientNumber.NUMBER_NOTE, "38001234")::get)).isEmpty();
        assertThat(ChosenClientNumber.fromNotes(Map.of(ChosenClientNumber.LOGIN_METHOD_NOTE, "DAP")::get)).isEmpty();
    }

    @Test
    void aLoginMethodThisVersionDoesNotKnowIsNoChoiceRatherThanAnError() {
        Map<String, String> notes = new HashMap<>();
        notes.put(ChosenClientNumber.NUMBER_NOTE, "38001234");
        notes.put(ChosenClientNumber.LOGIN_METHOD_NOTE, "EIDAS");

        assertThat(ChosenClientNumber.fromNotes(notes::get)).isEmpty();
    }
}
