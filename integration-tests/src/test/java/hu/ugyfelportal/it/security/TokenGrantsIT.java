package hu.ugyfelportal.it.security;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.OidcEndpoints;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token without the browser flow (password, e-mailed code, chooser): every client of the imported realm, the
 * built-in ones Keycloak adds on import included, refuses the password, device, CIBA, token-exchange and
 * client-credentials grants for a demo customer's right password; a client an administrator adds later with the
 * password grant on still gets no token, because the realm's direct-grant flow denies.
 */
@ExtendWith(UgyfelportalExtension.class)
class TokenGrantsIT {

    private static final String CUSTOMER = "nagy.eva@example.hu";
    private static final String PASSWORD = "Demo-jelszo-2";
    private static final String TOKEN = "/protocol/openid-connect/token";
    private static final String DEVICE = "/protocol/openid-connect/auth/device";
    private static final String CIBA_AUTH = "/protocol/openid-connect/ext/ciba/auth";
    private static final List<String> BUILT_IN = List.of("admin-cli", "account", "account-console",
            "security-admin-console", "broker", "realm-management", "ugyfelportal-portal");

    @Test
    void everyClientOfTheRealmHasOnlyTheBrowserFlow(TestEnvironment env) {
        List<Map<String, Object>> clients = clients(env);

        assertThat(clients).extracting(client -> (String) client.get("clientId")).containsAll(BUILT_IN);
        assertThat(clients).allSatisfy(client -> {
            assertThat(client.get("directAccessGrantsEnabled")).as("%s password grant", client.get("clientId"))
                    .isEqualTo(false);
            assertThat(client.get("implicitFlowEnabled")).as("%s implicit", client.get("clientId")).isEqualTo(false);
            assertThat(client.get("serviceAccountsEnabled")).as("%s client credentials", client.get("clientId"))
                    .isEqualTo(false);
            @SuppressWarnings("unchecked")
            Map<String, String> attributes = (Map<String, String>) client.getOrDefault("attributes", Map.of());
            assertThat(attributes.get("oauth2.device.authorization.grant.enabled"))
                    .as("%s device grant", client.get("clientId")).isNotEqualTo("true");
            assertThat(attributes.get("oidc.ciba.grant.enabled")).as("%s CIBA", client.get("clientId"))
                    .isNotEqualTo("true");
            assertThat(attributes.get("standard.token.exchange.enabled"))
                    .as("%s token exchange", client.get("clientId")).isNotEqualTo("true");
        });
    }

    /** The ways to a token or a login other than the browser flow, each as a client would ask for it. */
    private enum Grant {
        PASSWORD_GRANT(TOKEN, "grant_type", "password", "username", CUSTOMER, "password", PASSWORD, "scope", "openid"),
        DEVICE_AUTHORIZATION(DEVICE, "scope", "openid"),
        CIBA(CIBA_AUTH, "scope", "openid", "login_hint", CUSTOMER),
        /** Trading a portal login's access token for another client's token; the token is added per run. */
        TOKEN_EXCHANGE(TOKEN, "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"),
        CLIENT_CREDENTIALS(TOKEN, "grant_type", "client_credentials");

        private final String path;
        private final Map<String, String> fields = new LinkedHashMap<>();

        Grant(String path, String... namesAndValues) {
            this.path = path;
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Grant.class)
    void noClientGivesATokenOrStartsALoginOutsideTheBrowserFlow(Grant grant, TestEnvironment env) {
        Map<String, String> fields = new LinkedHashMap<>(grant.fields);
        if (grant == Grant.TOKEN_EXCHANGE) {
            fields.put("subject_token", portalLogin(env).accessToken());
        }
        for (Map<String, Object> client : clients(env)) {
            Map<String, String> form = withClientAuthentication(env, client);
            form.putAll(fields);

            OidcEndpoints.Answer answer = post(env, grant.path, form);

            assertRefused(answer, client, grant.name());
            assertThat(answer.body()).as("%s of %s", grant, client.get("clientId")).doesNotContain("auth_req_id");
        }
    }

    @Test
    void aClientAddedLaterWithThePasswordGrantOnStillGetsNoToken(TestEnvironment env) {
        Map<String, Object> realm = env.admin().get("", new TypeReference<>() {
        });
        assertThat(realm.get("directGrantFlow")).isEqualTo("ugyfelportal direct grant denied");
        String clientId = "added-later-" + AdminApi.uniqueEmail("x").substring(2, 10);
        AdminApi.Response created = env.admin().call("POST", "/clients", Map.of("clientId", clientId,
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false)).expect(201);
        try {
            OidcEndpoints.Answer answer = post(env, TOKEN, Map.of(
                    "client_id", clientId, "grant_type", "password", "username", CUSTOMER, "password", PASSWORD));

            assertRefused(answer, Map.of("clientId", clientId), "password grant of a new client");
        } finally {
            env.admin().call("DELETE", "/clients/" + created.location().substring(created.location().lastIndexOf('/') + 1),
                    null).expect(204);
        }
    }

    @Test
    void thePortalStillLogsInWithTheCode(TestEnvironment env) {
        PortalClient.Tokens tokens = portalLogin(env);

        assertThat(tokens.idTokenClaims()).containsEntry("email", CUSTOMER).containsKey("client_number");
    }

    @Test
    void theMasterRealmsAdministratorIsUntouched(TestEnvironment env) {
        OidcEndpoints.Answer admin = OidcEndpoints.post(env, "master", "/protocol/openid-connect/token", Map.of(
                "client_id", "admin-cli", "grant_type", "password",
                "username", env.keycloak().adminUsername(), "password", env.keycloak().adminPassword()));
        OidcEndpoints.Answer console = OidcEndpoints.get(env, "/admin/master/console/");

        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("access_token");
        assertThat(console.status()).isEqualTo(200);
    }

    private static PortalClient.Tokens portalLogin(TestEnvironment env) {
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = env.portal().authorizationRequest();
        Page done = LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), CUSTOMER, PASSWORD);
        assertThat(done.isPortalRedirect()).as("portal login: %s", done).isTrue();
        return env.portal().exchange(request, done);
    }

    private static OidcEndpoints.Answer post(TestEnvironment env, String path, Map<String, String> form) {
        return OidcEndpoints.post(env, env.realm(), path, form);
    }

    private static List<Map<String, Object>> clients(TestEnvironment env) {
        return env.admin().get("/clients?max=1000", new TypeReference<>() {
        });
    }

    /**
     * The client's own credentials (its real secret for a confidential client), so a refusal is never only a
     * failed client login.
     */
    private static Map<String, String> withClientAuthentication(TestEnvironment env, Map<String, Object> client) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", (String) client.get("clientId"));
        if (Boolean.FALSE.equals(client.get("publicClient"))) {
            Map<String, Object> secret = env.admin().get("/clients/" + client.get("id") + "/client-secret",
                    new TypeReference<>() {
                    });
            if (secret.get("value") != null) {
                form.put("client_secret", (String) secret.get("value"));
            }
        }
        return form;
    }

    private static void assertRefused(OidcEndpoints.Answer answer, Map<String, Object> client, String grant) {
        assertThat(answer.status()).as("%s of %s: %s", grant, client.get("clientId"), answer.body())
                .isBetween(400, 499);
        assertThat(answer.body()).as("%s of %s", grant, client.get("clientId"))
                .doesNotContain("access_token").doesNotContain("device_code");
    }
}
