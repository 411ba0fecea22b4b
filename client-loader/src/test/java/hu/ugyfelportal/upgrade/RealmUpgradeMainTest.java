package hu.ugyfelportal.upgrade;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealmUpgradeMainTest {

    @TempDir
    Path folder;

    @Test
    void overwritingEnvironmentValuesIsRefusedBeforeAnyChangeNamingEveryVariableThatWouldBeWrittenLiterallyOrEmpty()
            throws Exception {
        Path file = folder.resolve("realm.json");
        Files.writeString(file, """
                {"realm": "r", "smtpServer": {"host": "${SMTP_HOST:localhost}", "user": "${SMTP_USER:}"},
                 "clients": [{"clientId": "portal", "secret": "${PORTAL_SECRET}"},
                             {"clientId": "other", "secret": "${OTHER_SECRET:}"}],
                 "identityProviders": [{"alias": "dap", "config": {"dapSigningKey": "${SIGNING_KEY:}"}}]}
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // No KEYCLOAK_URL: the refusal comes before the command would reach any server.
        int exit = RealmUpgradeMain.run(new String[] {file.toString(), "--overwrite-environment-values"},
                Map.of("SIGNING_KEY", ""), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(RealmUpgradeMain.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Refused, nothing was changed",
                "SMTP_USER is not set and its default is empty", "PORTAL_SECRET is not set and has no default",
                "OTHER_SECRET is not set and its default is empty",
                "identity provider dap dapSigningKey would be empty").doesNotContain("SMTP_HOST");
    }
}
