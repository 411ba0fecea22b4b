package hu.ugyfelportal.loader;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientCsvTest {

    @Test
    void readsCommaSeparatedRowsAfterTheHeader() throws IOException {
        List<ClientRow> rows = ClientCsv.read(new StringReader(
                "e-mail,ügyfélszám,típus,név\r\nanna@example.hu, 12345678 ,MAGANSZEMELY,Kiss Anna\r\n"));

        assertThat(rows).containsExactly(new ClientRow(2, 4, "anna@example.hu", "12345678", "MAGANSZEMELY", "Kiss Anna"));
    }

    @Test
    void takesTheSeparatorFromTheHeaderAndHonoursQuotes() throws IOException {
        List<ClientRow> rows = ClientCsv.read(new StringReader("""
                e-mail;ügyfélszám;típus;név
                bela@example.hu;12345678;CEG;"Nagy, Béla ""Építő""; Kft."
                """));

        assertThat(rows).singleElement().extracting(ClientRow::name).isEqualTo("Nagy, Béla \"Építő\"; Kft.");
    }

    @Test
    void skipsAByteOrderMarkAndBlankLinesAndKeepsShortRowsForTheReport() throws IOException {
        List<ClientRow> rows = ClientCsv.read(new StringReader(
                "\uFEFFe-mail,ügyfélszám,típus,név\n\nanna@example.hu,12345678,CEG\n"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(3);
            assertThat(row.columns()).isEqualTo(3);
            assertThat(row.name()).isEmpty();
        });
    }

    @Test
    void anEmptyFileIsAnError() {
        assertThatThrownBy(() -> ClientCsv.read(new StringReader(""))).hasMessageContaining("header");
    }
}
