package hu.ugyfelportal.upgrade;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileComparisonTest {

    private final FileComparison keepingServerValues = new FileComparison(
            new Placeholders(Map.of("PORTAL_SECRET", "from-environment"), false));
    private final FileComparison overwriting = new FileComparison(
            new Placeholders(Map.of("PORTAL_SECRET", "from-environment"), true));

    @Test
    void onlyWhatTheFileNamesIsCompared() {
        Map<String, Object> server = Map.of("id", "42", "enabled", true, "config", Map.of("codeLength", "6", "extra", "x"));

        assertThat(keepingServerValues.differences("step", Map.of("enabled", true, "config", Map.of("codeLength", "6")),
                server)).isEmpty();
        assertThat(keepingServerValues.differences("step", Map.of("config", Map.of("codeLength", "8")), server))
                .containsExactly("step.config.codeLength: '6' -> '8'");
    }

    @Test
    void aPlaceholderKeepsTheServersValueUnlessToldToOverwriteAndIsNeverShown() {
        Map<String, Object> file = Map.of("secret", "${PORTAL_SECRET}");
        Map<String, Object> server = Map.of("id", "7", "secret", "the-operators-secret");

        assertThat(keepingServerValues.differences("client", file, server)).isEmpty();
        assertThat(keepingServerValues.merged(file, server)).isEqualTo(server);
        assertThat(overwriting.differences("client", file, server)).containsExactly("client.secret: set from the environment");
        assertThat(overwriting.merged(file, server)).isEqualTo(Map.of("id", "7", "secret", "from-environment"));
    }

    @Test
    void aPlaceholderTheServerLacksIsSetFromTheEnvironmentOrTheFilesDefault() {
        Map<String, Object> file = Map.of("secret", "${PORTAL_SECRET}", "hold", "${STATUS_HOLD:50}");

        assertThat(keepingServerValues.differences("idp", file, Map.of())).hasSize(2);
        assertThat(keepingServerValues.merged(file, Map.of())).isEqualTo(Map.of("secret", "from-environment", "hold", "50"));
    }

    @Test
    void messageKeysInBracesAreNotPlaceholders() {
        assertThat(keepingServerValues.differences("attribute", Map.of("displayName", "${clientNumber.attribute}"),
                Map.of("displayName", "${username}"))).hasSize(1);
    }

    @Test
    void namedListsMatchByNameAndLoseWhatTheFileLacks() {
        List<Object> file = List.of(Map.of("name", "given name", "claim", "given_name"));
        List<Object> server = List.of(Map.of("id", "1", "name", "family name", "claim", "family_name"),
                Map.of("id", "2", "name", "given name", "claim", "given_name"));

        assertThat(keepingServerValues.differences("mappers", file, server))
                .containsExactly("mappers[family name]: not in the realm file, removed");
        assertThat(keepingServerValues.merged(file, server))
                .isEqualTo(List.of(Map.of("id", "2", "name", "given name", "claim", "given_name")));
    }

    @Test
    void listsOfPlainValuesAreComparedAsSets() {
        assertThat(keepingServerValues.differences("locales", List.of("hu", "en"), List.of("en", "hu"))).isEmpty();
        assertThat(keepingServerValues.differences("locales", List.of("hu", "en"), List.of("hu"))).hasSize(1);
    }

    @Test
    void aWholeDocumentAlsoDiffersByWhatOnlyTheServerHasExceptKeycloaksDefaults() {
        Map<String, Object> file = Map.of("name", "firstName");
        Map<String, Object> server = Map.of("name", "firstName", "multivalued", false,
                "required", Map.of("roles", List.of("user")));

        assertThat(keepingServerValues.differences("attribute", file, server)).isEmpty();
        assertThat(keepingServerValues.documentDifferences("attribute", file, server))
                .containsExactly("attribute.required: {roles=[user]}, not in the realm file, removed");
    }
}
