package hu.ugyfelportal.it.security;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.TestVault;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.loader.AdminLogin;
import hu.ugyfelportal.loader.LoaderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier's private key and the pseudonym key stay where Keycloak keeps secrets: an administrator who may only
 * view identity providers reads the DÁP provider's settings, but the signing key there is only the vault reference,
 * and the pseudonym key appears nowhere; a partial export carries neither.
 */
@ExtendWith(UgyfelportalExtension.class)
class SecretsNotReadableIT {

    private static final String PASSWORD = "View-only-admin-1";

    @Test
    void anAdministratorWhoMayViewIdentityProvidersReadsNoKey(TestEnvironment env) throws Exception {
        String username = "view-idp-" + System.nanoTime();
        AdminApi.Response created = env.admin().callIn("master", "POST", "/users", Map.of("username", username,
                "enabled", true, "firstName", "View", "lastName", "Only", "email", username + "@example.hu",
                "emailVerified", true, "credentials",
                List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))).expect(201);
        String userId = created.location().substring(created.location().lastIndexOf('/') + 1);
        List<Map<String, Object>> clients = env.admin().getIn("master", "/clients?clientId=" + env.realm() + "-realm",
                new TypeReference<>() {
                });
        String clientUuid = (String) clients.get(0).get("id");
        Map<String, Object> role = env.admin().getIn("master", "/clients/" + clientUuid + "/roles/view-identity-providers",
                new TypeReference<>() {
                });
        env.admin().callIn("master", "POST", "/users/" + userId + "/role-mappings/clients/" + clientUuid,
                List.of(role)).expect(204);
        String token = new AdminLogin(HttpClient.newHttpClient(), new LoaderSettings(URI.create(env.keycloak().baseUrl()),
                env.realm(), "master", LoaderSettings.DEFAULT_ADMIN_CLIENT_ID, username, PASSWORD)).token();

        HttpResponse<String> provider = get(env, token, "/identity-provider/instances/dap");
        HttpResponse<String> users = get(env, token, "/users");

        assertThat(provider.statusCode()).isEqualTo(200);
        assertThat(provider.body()).contains("\"dapSigningKey\":\"${vault.dap-signing-key}\"")
                .doesNotContain("PRIVATE KEY").doesNotContain(secretLine(env));
        assertThat(users.statusCode()).as("a view-only administrator, no more").isEqualTo(403);

        String export = env.admin().call("POST", "/partial-export?exportClients=true&exportGroupsAndRoles=true", null)
                .expect(200).body();
        assertThat(export).contains("${vault.dap-signing-key}").doesNotContain("PRIVATE KEY")
                .doesNotContain(secretLine(env));
        env.admin().callIn("master", "DELETE", "/users/" + userId, null).expect(204);
    }

    /** A line from the middle of the vault's pseudonym key, which no answer may contain. */
    private static String secretLine(TestEnvironment env) {
        return new String(TestVault.pseudonymKey(), StandardCharsets.UTF_8)
                .substring(8, 40);
    }

    private static HttpResponse<String> get(TestEnvironment env, String token, String realmPath) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + "/admin/realms/"
                + env.realm() + realmPath)).header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
