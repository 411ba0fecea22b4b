package hu.ugyfelportal.upgrade;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealmFileHistoryTest {

    private static final Path REALM_FILE = Path.of("../realm-config/ugyfelportal-realm.json");

    @Test
    void theRememberedCopyIsTheFileAsWrittenAndSmallEnoughForOneAttribute() throws Exception {
        String text = Files.readString(REALM_FILE);

        String copy = RealmFileHistory.encode(text);

        assertThat(RealmFileHistory.decode(copy)).isEqualTo(text);
        assertThat(copy.length()).as("a few KB in REALM_ATTRIBUTE.VALUE (an NCLOB)").isLessThan(text.length() / 2);
        assertThat(RealmFileHistory.recorded(Map.of(RealmFileHistory.COPY_ATTRIBUTE, copy,
                RealmFileHistory.VERSION_ATTRIBUTE, "2026-12-08"), Map.of()).orElseThrow().file())
                .isEqualTo(RealmFileHistory.parse(text));
    }

    @Test
    void aRealmThatRecordsNothingIsTakenAsBroughtToTheClosestKnownFileAndTheReportSaysSo() {
        assertThat(RealmFileHistory.recorded(Map.of(), Map.of())).isEmpty();

        RealmFileHistory.Base base = RealmFileHistory.closest(Map.of(), Map.of("2026-11-24", 3, "2026-12-01", 40));

        assertThat(base.file()).isEqualTo(RealmFileHistory.shipped("2026-11-24"));
        assertThat(base.sentence()).contains("records no realm file", "closest to it, 2026-11-24",
                "2026-11-24: 3, 2026-12-01: 40");
        assertThat(RealmFileHistory.closest(Map.of(), Map.of("2026-11-24", 5, "2026-12-01", 5)).file())
                .as("the newer of equals").isEqualTo(RealmFileHistory.shipped("2026-12-01"));
    }

    @Test
    void aRealmImportedFromAVersionedFileHasThatFileAsItsBase() throws Exception {
        Map<String, Object> file = RealmFileHistory.parse(Files.readString(REALM_FILE));
        String version = RealmFileHistory.version(file);

        assertThat(RealmFileHistory.recorded(Map.of(RealmFileHistory.VERSION_ATTRIBUTE, version), file)
                .orElseThrow().file()).isSameAs(file);
        assertThat(RealmFileHistory.recorded(Map.of(RealmFileHistory.VERSION_ATTRIBUTE, "2026-12-01"), file)
                .orElseThrow().file()).isEqualTo(RealmFileHistory.shipped("2026-12-01"));
    }

    @Test
    void theRealmFileCarriesAVersionOfItsOwnThatNoShippedFileHas() throws Exception {
        String version = RealmFileHistory.version(RealmFileHistory.parse(Files.readString(REALM_FILE)));

        assertThat(version).as("bump it (and ship the previous file) when the realm file changes in a release")
                .matches("\\d{4}-\\d{2}-\\d{2}").isNotIn(RealmFileHistory.SHIPPED_VERSIONS);
        RealmFileHistory.SHIPPED_VERSIONS.forEach(shipped -> assertThat(RealmFileHistory.shipped(shipped)).isNotEmpty());
    }
}
