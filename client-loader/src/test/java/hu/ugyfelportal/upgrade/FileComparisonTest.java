package hu.ugyfelportal.upgrade;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileComparisonTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("PORTAL_SECRET", "from-environment");
    private final FileComparison threeWay = comparison(false, false, false);

    private static FileComparison comparison(boolean overwrite, boolean force, boolean prune) {
        return new FileComparison(new Placeholders(ENVIRONMENT, overwrite), new FileComparison.Mode(force, prune));
    }

    @Test
    void theReleasesChangeIsMadeWhereTheOperatorLeftTheValue() {
        FileComparison.Outcome outcome = threeWay.compare("config", Map.of("codeLength", "6"),
                Map.of("codeLength", "7"), Map.of("codeLength", "6", "id", "42"));

        assertThat(outcome.changes()).containsExactly("config.codeLength: '6' -> '7'");
        assertThat(outcome.merged()).isEqualTo(Map.of("codeLength", "7", "id", "42"));
    }

    @Test
    void theOperatorsValueStaysWhenTheReleaseLeftItAndConflictsAreReportedWithBothValues() {
        Map<String, Object> server = Map.of("codeLength", "8");

        assertThat(threeWay.compare("config", Map.of("codeLength", "6"), Map.of("codeLength", "6"), server).changed())
                .isFalse();
        FileComparison.Outcome conflict = threeWay.compare("config", Map.of("codeLength", "6"),
                Map.of("codeLength", "7"), server);
        assertThat(conflict.changed()).isFalse();
        assertThat(conflict.merged()).isEqualTo(server);
        assertThat(conflict.conflicts()).containsExactly(
                "config.codeLength: the realm file changed '6' -> '7', this realm has '8'; kept '8'");
    }

    @Test
    void forceFileValuesSetsTheFilesValueOverTheOperators() {
        FileComparison.Outcome outcome = comparison(false, true, false).compare("config", Map.of("codeLength", "6"),
                Map.of("codeLength", "6"), Map.of("codeLength", "8"));

        assertThat(outcome.changes()).containsExactly("config.codeLength: '8' -> '6' (--force-file-values)");
        assertThat(outcome.merged()).isEqualTo(Map.of("codeLength", "6"));
    }

    @Test
    void aSettingNewInTheReleaseIsSetAndTheReportShowsWhatTheServerHadBefore() {
        assertThat(threeWay.compare("realm", Map.of(), Map.of("accountTheme", "ugyfelportal"), Map.of()).changes())
                .containsExactly("realm.accountTheme: (none) -> 'ugyfelportal'");
        assertThat(threeWay.compare("realm", Map.of(), Map.of("directGrantFlow", "denied"),
                Map.of("directGrantFlow", "direct grant")).changes())
                .containsExactly("realm.directGrantFlow: 'direct grant' -> 'denied' (newly set by the realm file)");
    }

    @Test
    void aPlaceholderKeepsTheServersValueUnlessToldToOverwriteAndIsNeverShown() {
        Map<String, Object> file = Map.of("secret", "${PORTAL_SECRET}");
        Map<String, Object> server = Map.of("id", "7", "secret", "the-operators-secret");

        assertThat(threeWay.compare("client", file, file, server).changed()).isFalse();
        FileComparison.Outcome overwritten = comparison(true, false, false).compare("client", file, file, server);
        assertThat(overwritten.changes()).containsExactly("client.secret: set from the environment");
        assertThat(overwritten.merged()).isEqualTo(Map.of("id", "7", "secret", "from-environment"));
    }

    @Test
    void aPlaceholderTheServerLacksIsSetFromTheEnvironmentOrTheFilesDefault() {
        Map<String, Object> file = Map.of("secret", "${PORTAL_SECRET}", "hold", "${STATUS_HOLD:50}");

        FileComparison.Outcome outcome = threeWay.compare("idp", null, file, Map.of());
        assertThat(outcome.changes()).hasSize(2);
        assertThat(outcome.merged()).isEqualTo(Map.of("secret", "from-environment", "hold", "50"));
    }

    @Test
    void messageKeysInBracesAreNotPlaceholders() {
        assertThat(threeWay.compare("attribute", null, Map.of("displayName", "${clientNumber.attribute}"),
                Map.of("displayName", "")).changes()).hasSize(1);
    }

    @Test
    void namedThingsTheOperatorAddedStayAndGoOnlyWithPrune() {
        List<Object> file = List.of(Map.of("name", "email"));
        List<Object> server = List.of(Map.of("name", "email"), Map.of("name", "dap", "required", true));

        assertThat(threeWay.compare("attributes", file, file, server).merged()).isEqualTo(server);
        FileComparison.Outcome pruned = comparison(false, false, true).compare("attributes", file, file, server);
        assertThat(pruned.changes()).containsExactly("attributes[dap]: removed (--prune)");
        assertThat(pruned.merged()).isEqualTo(List.of(Map.of("name", "email")));
    }

    @Test
    void namedThingsTheReleaseRemovedGoUnlessTheOperatorChangedThemAndThoseItAddedAreAdded() {
        List<Object> base = List.of(Map.of("name", "email"), Map.of("name", "phone", "multivalued", false));
        List<Object> file = List.of(Map.of("name", "email"), Map.of("name", "ugyfelszam"));

        FileComparison.Outcome untouched = threeWay.compare("attributes", base, file,
                List.of(Map.of("name", "email"), Map.of("name", "phone", "multivalued", false)));
        assertThat(untouched.changes()).containsExactly("attributes[phone]: removed (no longer in the realm file)",
                "attributes[ugyfelszam]: added");
        FileComparison.Outcome changed = threeWay.compare("attributes", base, file,
                List.of(Map.of("name", "email"), Map.of("name", "phone", "multivalued", true)));
        assertThat(changed.conflicts()).containsExactly(
                "attributes[phone]: no longer in the realm file, but changed on this realm; kept");
    }

    @Test
    void aNamedThingTheOperatorDeletedStaysDeletedUnlessForced() {
        List<Object> file = List.of(Map.of("name", "email"), Map.of("name", "phone"));

        assertThat(threeWay.compare("attributes", file, file, List.of(Map.of("name", "email"))).merged())
                .isEqualTo(List.of(Map.of("name", "email")));
        assertThat(comparison(false, true, false).compare("attributes", file, file,
                List.of(Map.of("name", "email"))).changes()).containsExactly("attributes[phone]: added");
    }

    @Test
    void listsOfPlainValuesMergeAsSets() {
        List<Object> base = List.of("jboss-logging");
        List<Object> file = List.of("jboss-logging", "metrics");

        assertThat(threeWay.compare("listeners", base, List.of("jboss-logging"), List.of("jboss-logging", "email"))
                .changed()).as("the operator's listener stays").isFalse();
        FileComparison.Outcome added = threeWay.compare("listeners", base, file, List.of("jboss-logging", "email"));
        assertThat(added.merged()).isEqualTo(List.of("jboss-logging", "email", "metrics"));
        assertThat(threeWay.compare("locales", List.of("hu", "en"), List.of("hu", "en"), List.of("en", "hu"))
                .changed()).isFalse();
        assertThat(threeWay.compare("listeners", file, base, List.of("jboss-logging", "metrics")).merged())
                .as("what the release removed goes").isEqualTo(List.of("jboss-logging"));
    }
}
