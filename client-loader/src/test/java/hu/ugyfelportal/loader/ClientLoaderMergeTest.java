package hu.ugyfelportal.loader;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLoaderMergeTest {

    @Test
    void keepsNumbersNotInTheFileChangesInPlaceAndAppendsNewOnes() {
        List<String> merged = ClientLoader.merge(
                List.of("11111111 | MAGANSZEMELY | Régi Név", "22222222 | CEG | Megmarad Kft."),
                List.of(row("11111111", "MAGANSZEMELY", "Új Név"), row("33333333", "TARSASHAZ", "Fő utca 1.")));

        assertThat(merged).containsExactly("11111111 | MAGANSZEMELY | Új Név", "22222222 | CEG | Megmarad Kft.",
                "33333333 | TARSASHAZ | Fő utca 1.");
    }

    @Test
    void theSameDataWrittenDifferentlyIsLeftAsItIs() {
        List<String> current = List.of("11111111|CEG|Kovács Kft.");

        assertThat(ClientLoader.merge(current, List.of(row("11111111", "CEG", "Kovács Kft.")))).isEqualTo(current);
    }

    private static ClientRow row(String number, String type, String name) {
        return new ClientRow(2, 4, "anna@example.hu", number, type, name);
    }
}
