package hu.ugyfelportal.keycloak.clientnumber;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientNumberTest {

    @Test
    void parsesTheAdminConsoleFormat() {
        assertThat(ClientNumber.parse("12345678 | MAGANSZEMELY | Kovács János"))
                .contains(new ClientNumber("12345678", ClientType.MAGANSZEMELY, "Kovács János"));
    }

    @Test
    void toleratesMissingSpacesAroundSeparators() {
        assertThat(ClientNumber.parse("87654321|CEG|Kovács Kft.").map(ClientNumber::name)).contains("Kovács Kft.");
    }

    @Test
    void formatIsWhatParseReads() {
        ClientNumber clientNumber = new ClientNumber("11112222", ClientType.OSTERMELO, "Kiss Péter");
        assertThat(ClientNumber.parse(clientNumber.format())).contains(clientNumber);
    }

    @Test
    void rejectsBadNumbersTypesAndNames() {
        assertThat(ClientNumber.parse("1234567 | CEG | Rövid Kft.")).isEmpty();
        assertThat(ClientNumber.parse("12345678 | BANK | Valami")).isEmpty();
        assertThat(ClientNumber.parse("12345678 | CEG |  ")).isEmpty();
        assertThat(ClientNumber.parse("12345678 | CEG")).isEmpty();
        assertThat(ClientNumber.parse(null)).isEmpty();
        assertThatThrownBy(() -> new ClientNumber("12345678", ClientType.CEG, "A | B"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dapLeavesOnlyPrivatePersonsSoleTradersAndPrimaryProducers() {
        List<ClientNumber> all = List.of(
                new ClientNumber("10000001", ClientType.MAGANSZEMELY, "Kovács János"),
                new ClientNumber("10000002", ClientType.EGYENI_VALLALKOZO, "Kovács János ev."),
                new ClientNumber("10000003", ClientType.OSTERMELO, "Kovács János őstermelő"),
                new ClientNumber("10000004", ClientType.CEG, "Kovács Kft."),
                new ClientNumber("10000005", ClientType.TARSASHAZ, "Fő utca 1. Társasház"));

        assertThat(LoginMethod.DAP.eligible(all)).extracting(ClientNumber::number)
                .containsExactly("10000001", "10000002", "10000003");
        assertThat(LoginMethod.PASSWORD.eligible(all)).isEqualTo(all);
    }

    @Test
    void problemNamesTheFirstWrongPart() {
        assertThat(ClientNumber.problemOf("12345678 | CEG | Jó Kft.")).isEmpty();
        assertThat(ClientNumber.problemOf("1234567 | CEG | Rövid Kft.")).contains(ClientNumber.Problem.NUMBER);
        assertThat(ClientNumber.problemOf("1234567A | CEG | Betűs Kft.")).contains(ClientNumber.Problem.NUMBER);
        assertThat(ClientNumber.problemOf("12345678 | ceg | Kisbetűs Kft.")).contains(ClientNumber.Problem.TYPE);
        assertThat(ClientNumber.problemOf("12345678 | CEG")).contains(ClientNumber.Problem.FORMAT);
        assertThat(ClientNumber.problemOf("12345678 | CEG | A | B")).contains(ClientNumber.Problem.FORMAT);
        assertThat(ClientNumber.problemOf("12345678 | CEG |   ")).contains(ClientNumber.Problem.FORMAT);
        assertThat(ClientNumber.problemOf(null)).contains(ClientNumber.Problem.FORMAT);
    }

    @Test
    void everyProblemMeansParseFindsNothing() {
        for (String value : List.of("1234567 | CEG | X", "12345678 | BANK | X", "12345678 | CEG | A | B", "")) {
            assertThat(ClientNumber.problemOf(value)).as(value).isPresent();
            assertThat(ClientNumber.parse(value)).as(value).isEmpty();
        }
    }

    @Test
    void everyTypeHasItsMessageKey() {
        assertThat(ClientType.MAGANSZEMELY.messageKey()).isEqualTo("clientType.MAGANSZEMELY");
        assertThat(ClientType.parse("TARSASHAZ")).contains(ClientType.TARSASHAZ);
        assertThat(ClientType.parse("Tarsashaz")).isEmpty();
    }
}
