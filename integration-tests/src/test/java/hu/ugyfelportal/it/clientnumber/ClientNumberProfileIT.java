package hu.ugyfelportal.it.clientnumber;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.ClientNumberAdmin;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Client numbers in the realm's declarative user profile, as administrators edit them (Admin REST API). */
@ExtendWith(UgyfelportalExtension.class)
class ClientNumberProfileIT {

    private static final String VALID = "41000001 | MAGANSZEMELY | Tóth Béla";

    @Test
    void validClientNumbersAreStoredAndReadBack(TestEnvironment env) {
        String userId = env.admin().createUser(AdminApi.uniqueEmail("profil"), null, Map.of());

        ClientNumberAdmin.setClientNumbers(env, userId,
                List.of(VALID, "41000002 | EGYENI_VALLALKOZO | Tóth Béla ev.", "41000003|OSTERMELO|Tóth Béla"));

        assertThat(ClientNumberAdmin.user(env, userId).getAttributes().get("ugyfelszam")).containsExactly(
                VALID, "41000002 | EGYENI_VALLALKOZO | Tóth Béla ev.", "41000003|OSTERMELO|Tóth Béla");
    }

    @ParameterizedTest(name = "\"{0}\" is rejected with {1}")
    @CsvSource(delimiter = ';', value = {
            "4100001 | CEG | Rövid Kft.; clientNumber.error.number",
            "4100000A | CEG | Betűs Kft.; clientNumber.error.number",
            "41000004 | BANK | Valami Bank; clientNumber.error.type",
            "41000005 | CEG; clientNumber.error.format",
            "41000005 | CEG | A | B; clientNumber.error.format"})
    void aBadNumberAnUnknownTypeOrAValueNotInTheThreePartFormIsRejected(String clientNumber, String expectedMessage,
                                                                        TestEnvironment env) {
        assertRejected(env, List.of(clientNumber), expectedMessage);
    }

    @Test
    void theSameNumberTwiceIsRejected(TestEnvironment env) {
        assertRejected(env, List.of(VALID, "41000001 | CEG | Tóth Kft."), "clientNumber.error.duplicate");
    }

    @Test
    void creatingAUserWithABadClientNumberIsRejectedToo(TestEnvironment env) {
        UserRepresentation user = new UserRepresentation();
        String email = AdminApi.uniqueEmail("profil");
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        user.setAttributes(Map.of("ugyfelszam", List.of("41000006 | KFT | Rossz Típus Kft.")));

        AdminApi.Response response = env.admin().call("POST", "/users", user);

        assertThat(response.status()).isEqualTo(400);
        assertThat(errorMessages(response)).contains("clientNumber.error.type");
        assertThat(env.admin().get("/users?exact=true&username=" + email, new TypeReference<List<Object>>() {
        })).isEmpty();
    }

    @Test
    void onlyAdministratorsSeeAndEditClientNumbers(TestEnvironment env) {
        Map<String, Object> profile = env.admin().get("/users/profile", new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> attribute = ((List<Map<String, Object>>) profile.get("attributes")).stream()
                .filter(a -> "ugyfelszam".equals(a.get("name"))).findFirst().orElseThrow();

        assertThat(attribute).containsEntry("multivalued", true)
                .containsEntry("displayName", "${clientNumber.attribute}")
                .containsEntry("permissions", Map.of("view", List.of("admin"), "edit", List.of("admin")));
        // Our validator alone: a second one for the shape (Keycloak's pattern) would report a bad value twice.
        assertThat((Map<String, Object>) attribute.get("validations")).containsOnlyKeys("ugyfelportal-client-number");
    }

    @Test
    void adminConsoleTextsAreHungarianAndEnglish(TestEnvironment env) {
        Map<String, String> hu = env.admin().get("/localization/hu", new TypeReference<>() {
        });
        Map<String, String> en = env.admin().get("/localization/en", new TypeReference<>() {
        });

        assertThat(hu).containsEntry("clientNumber.attribute", "Ügyfélszámok")
                .containsKeys("clientNumber.error.format", "clientNumber.error.number", "clientNumber.error.type",
                        "clientNumber.error.duplicate");
        assertThat(en).containsEntry("clientNumber.attribute", "Client numbers")
                .containsKeys("clientNumber.error.format", "clientNumber.error.number", "clientNumber.error.type",
                        "clientNumber.error.duplicate");
    }

    private static void assertRejected(TestEnvironment env, List<String> clientNumbers, String expectedMessage) {
        String userId = env.admin().createUser(AdminApi.uniqueEmail("profil"), null,
                Map.of("ugyfelszam", List.of(VALID)));

        AdminApi.Response response = ClientNumberAdmin.tryToSetClientNumbers(env, userId, clientNumbers);

        assertThat(response.status()).as("answer to %s: %s", clientNumbers, response.body()).isEqualTo(400);
        // One error per wrong value: the admin console's toast joins them, and twice the same read „….; ….”.
        assertThat(errorMessages(response)).containsExactly(expectedMessage);
        assertThat(ClientNumberAdmin.user(env, userId).getAttributes().get("ugyfelszam"))
                .as("nothing changed").containsExactly(VALID);
    }

    /** The error keys of a 400 answer: one error, or a list of them under "errors". */
    @SuppressWarnings("unchecked")
    private static List<String> errorMessages(AdminApi.Response response) {
        try {
            Map<String, Object> body = JsonSerialization.readValue(response.body(), Map.class);
            List<Map<String, Object>> errors = body.containsKey("errors")
                    ? (List<Map<String, Object>>) body.get("errors") : List.of(body);
            return errors.stream().map(error -> String.valueOf(error.get("errorMessage"))).toList();
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }
}
