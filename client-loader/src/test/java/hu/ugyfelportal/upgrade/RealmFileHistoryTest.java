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
        assertThat(RealmFileHistory.baseOf(Map.of(RealmFileHistory.COPY_ATTRIBUTE, copy,
                RealmFileHistory.VERSION_ATTRIBUTE, "2026-12-08"), Map.of()).file())
                .isEqualTo(RealmFileHistory.parse(text));
    }

    @Test
    void aRealmThatRecordsNothingIsTakenAsBroughtToTheOldestKnownFileAndTheReportSaysSo() {
        RealmFileHistory.Base base = RealmFileHistory.baseOf(Map.of(), Map.of());

        assertThat(base.file()).isEqualTo(RealmFileHistory.shipped("2026-11-24"));
        assertThat(base.sentence()).contains("records no realm file", "oldest known realm file, 2026-11-24");
    }

    @Test
    void aRealmImportedFromAVersionedFileHasThatFileAsItsBase() throws Exception {
        Map<String, Object> file = RealmFileHistory.parse(Files.readString(REALM_FILE));
        String version = RealmFileHistory.version(file);

        assertThat(RealmFileHistory.baseOf(Map.of(RealmFileHistory.VERSION_ATTRIBUTE, version), file).file())
                .isSameAs(file);
        assertThat(RealmFileHistory.baseOf(Map.of(RealmFileHistory.VERSION_ATTRIBUTE, "2026-12-01"), file).file())
                .isEqualTo(RealmFileHistory.shipped("2026-12-01"));
    }

    @Test
    void theRealmFileCarriesAVersionOfItsOwnThatNoShippedFileHas() throws Exception {
        String version = RealmFileHistory.version(RealmFileHistory.parse(Files.readString(REALM_FILE)));

        assertThat(version).as("bump it (and ship the previous file) when the realm file changes in a release")
                .matches("\\d{4}-\\d{2}-\\d{2}").isNotIn(RealmFileHistory.SHIPPED_VERSIONS);
        RealmFileHistory.SHIPPED_VERSIONS.forEach(shipped -> assertThat(RealmFileHistory.shipped(shipped)).isNotEmpty());
    }
}
