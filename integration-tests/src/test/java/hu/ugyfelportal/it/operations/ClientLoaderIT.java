package hu.ugyfelportal.it.operations;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.ClientNumberAdmin;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.loader.ClientLoader;
import hu.ugyfelportal.loader.ClientLoaderMain;
import hu.ugyfelportal.loader.KeycloakAdmin;
import hu.ugyfelportal.loader.LoadReport;
import hu.ugyfelportal.loader.LoaderSettings;
import hu.ugyfelportal.loader.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The operators' bulk loader against the real Keycloak, on a CSV with good and bad rows. */
@ExtendWith(UgyfelportalExtension.class)
class ClientLoaderIT {

    @Test
    void loadsGoodRowsReportsBadOnesAndChangesNothingTheSecondTime(TestEnvironment env) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String anna = "anna-" + run + "@example.hu";
        String bela = "bela-" + run + "@example.hu";
        String existing = "meglevo-" + run + "@example.hu";
        String existingId = env.admin().createUser(existing, "Teszt-jelszo-1",
                Map.of("ugyfelszam", List.of("51000009 | MAGANSZEMELY | Régi Név", "51000010 | CEG | Megmarad Kft.")));
        String csv = """
                e-mail;ügyfélszám;típus;név
                %1$s;51000001;MAGANSZEMELY;Kiss Anna
                %1$s;51000002;EGYENI_VALLALKOZO;"Kiss Anna; egyéni vállalkozó"
                %2$s;51000003;CEG;"Nagy Béla ""Építő"" Kft."
                %3$s;51000009;MAGANSZEMELY;Új Név
                %3$s;51000011;TARSASHAZ;Fő utca 2. Társasház
                nem-email-cim;51000004;CEG;Rossz Cím Kft.
                %2$s;5100005;CEG;Rövid Szám Kft.
                %2$s;51000006;BANK;Rossz Típus
                %2$s;51000001;CEG;Ugyanaz a szám
                %2$s;51000007;CEG
                %1$s;51000010;CEG;Más ügyfél száma
                """.formatted(anna, bela, existing);

        LoadReport dryRun = loader(env).load(new StringReader(csv), true);

        assertThat(dryRun.usersCreated()).isEqualTo(2);
        assertThat(dryRun.usersUpdated()).isEqualTo(1);
        assertThat(findUser(env, anna)).as("a dry run writes nothing").isEmpty();
        assertThat(clientNumbers(env, existingId)).containsExactly("51000009 | MAGANSZEMELY | Régi Név",
                "51000010 | CEG | Megmarad Kft.");

        LoadReport first = loader(env).load(new StringReader(csv), false);

        assertThat(first.rejected()).extracting(row -> row.row().line(), LoadReport.RejectedRow::reason).containsExactly(
                tuple(7, Rejection.EMAIL),
                tuple(8, Rejection.NUMBER),
                tuple(9, Rejection.TYPE),
                tuple(10, Rejection.DUPLICATE),
                tuple(11, Rejection.COLUMNS),
                tuple(12, Rejection.DUPLICATE));
        assertThat(first.rejected().get(3).detail()).contains("line 2");
        assertThat(first.rejected().get(5).detail()).contains("already held by " + existing);
        assertThat(first.rejected()).isEqualTo(dryRun.rejected());
        assertThat(first.usersCreated()).isEqualTo(2);
        assertThat(first.usersUpdated()).isEqualTo(1);
        assertThat(first.rowsLoaded()).isEqualTo(5);

        UserRepresentation annaUser = findUser(env, anna).orElseThrow();
        assertThat(annaUser.getAttributes().get("ugyfelszam")).containsExactly(
                "51000001 | MAGANSZEMELY | Kiss Anna", "51000002 | EGYENI_VALLALKOZO | Kiss Anna; egyéni vállalkozó");
        assertThat(annaUser.getEmail()).isEqualTo(anna);
        assertThat(annaUser.isEnabled()).isTrue();
        List<Object> credentials = env.admin().get("/users/" + annaUser.getId() + "/credentials", new TypeReference<>() {
        });
        assertThat(credentials).as("no password until the customer registers").isEmpty();
        assertThat(env.admin().holdsTheRealmsDefaultRoles(annaUser.getId()))
                .as("the account console works for a loaded customer once registered").isTrue();
        assertThat(findUser(env, bela).orElseThrow().getAttributes().get("ugyfelszam"))
                .containsExactly("51000003 | CEG | Nagy Béla \"Építő\" Kft.");
        assertThat(clientNumbers(env, existingId)).as("changed in place, added, the rest kept").containsExactly(
                "51000009 | MAGANSZEMELY | Új Név", "51000010 | CEG | Megmarad Kft.",
                "51000011 | TARSASHAZ | Fő utca 2. Társasház");

        LoadReport second = loader(env).load(new StringReader(csv), false);

        assertThat(second.usersCreated()).isZero();
        assertThat(second.usersUpdated()).isZero();
        assertThat(second.usersUnchanged()).isEqualTo(3);
        assertThat(second.rejected()).isEqualTo(first.rejected());
        assertThat(clientNumbers(env, existingId)).hasSize(3);
    }

    @Test
    void rowsKeycloakRefusesAreReportedWithKeycloaksReason(TestEnvironment env) throws IOException {
        // Passes the loader's plain address check, but Keycloak's e-mail validator refuses the double dot.
        String email = "dupla..pont-" + UUID.randomUUID().toString().substring(0, 8) + "@example.hu";
        String csv = "e-mail,ügyfélszám,típus,név\n" + email + ",52000001,CEG,Dupla Pont Kft.\n";

        LoadReport report = loader(env).load(new StringReader(csv), false);

        assertThat(report.rejected()).singleElement().satisfies(row -> {
            assertThat(row.reason()).isEqualTo(Rejection.KEYCLOAK);
            assertThat(row.detail()).containsIgnoringCase("email");
        });
        assertThat(report.usersCreated()).isZero();
        assertThat(report.rowsLoaded()).isZero();
        assertThat(findUser(env, email)).isEmpty();
    }

    @Test
    void theCommandPrintsTheReportAndExitsWithTwoWhenRowsAreRejected(TestEnvironment env) throws IOException {
        String email = "parancs-" + UUID.randomUUID().toString().substring(0, 8) + "@example.hu";
        Path csv = Files.createTempFile("ugyfelszamok", ".csv");
        Files.writeString(csv, "e-mail;ügyfélszám;típus;név\n" + email + ";53000001;OSTERMELO;Farkas Géza\n"
                + email + ";530000;CEG;Rossz Kft.\n", StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("KEYCLOAK_URL", env.keycloak().baseUrl(),
                "KEYCLOAK_ADMIN_USER", env.keycloak().adminUsername(),
                "KEYCLOAK_ADMIN_PASSWORD", env.keycloak().adminPassword());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ClientLoaderMain.run(new String[]{csv.toString()}, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ClientLoaderMain.EXIT_ROWS_REJECTED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Users created: 1", "Rows rejected: 1",
                "line 3 (" + email + ", 530000): bad client number");
        assertThat(findUser(env, email).orElseThrow().getAttributes().get("ugyfelszam"))
                .containsExactly("53000001 | OSTERMELO | Farkas Géza");
        Files.delete(csv);
    }

    private static ClientLoader loader(TestEnvironment env) {
        return new ClientLoader(new KeycloakAdmin(new LoaderSettings(URI.create(env.keycloak().baseUrl()),
                env.realm(), LoaderSettings.DEFAULT_ADMIN_REALM, LoaderSettings.DEFAULT_ADMIN_CLIENT_ID,
                env.keycloak().adminUsername(), env.keycloak().adminPassword())));
    }

    private static java.util.Optional<UserRepresentation> findUser(TestEnvironment env, String email) {
        List<UserRepresentation> users = env.admin().get("/users?exact=true&briefRepresentation=false&username=" + email,
                new TypeReference<>() {
                });
        return users.stream().findFirst();
    }

    private static List<String> clientNumbers(TestEnvironment env, String userId) {
        return ClientNumberAdmin.user(env, userId).getAttributes().get("ugyfelszam");
    }
}
