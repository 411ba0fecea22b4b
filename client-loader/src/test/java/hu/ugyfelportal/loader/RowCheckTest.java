package hu.ugyfelportal.loader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowCheckTest {

    @Test
    void goodRowHasNoProblem() {
        assertThat(RowCheck.problemOf(row("anna@example.hu", "12345678", "OSTERMELO", "Kiss Anna"))).isEmpty();
    }

    @Test
    void eachBadFieldHasItsReason() {
        assertThat(RowCheck.problemOf(row("anna.example.hu", "12345678", "CEG", "X"))).contains(Rejection.EMAIL);
        assertThat(RowCheck.problemOf(row("anna@example.hu", "1234 5678", "CEG", "X"))).contains(Rejection.NUMBER);
        assertThat(RowCheck.problemOf(row("anna@example.hu", "12345678", "Cég", "X"))).contains(Rejection.TYPE);
        assertThat(RowCheck.problemOf(row("anna@example.hu", "12345678", "CEG", "A | B"))).contains(Rejection.NAME);
        assertThat(RowCheck.problemOf(row("anna@example.hu", "12345678", "CEG", ""))).contains(Rejection.NAME);
        assertThat(RowCheck.problemOf(new ClientRow(2, 5, "anna@example.hu", "12345678", "CEG", "X")))
                .contains(Rejection.COLUMNS);
    }

    private static ClientRow row(String email, String number, String type, String name) {
        return new ClientRow(2, 4, email, number, type, name);
    }
}
