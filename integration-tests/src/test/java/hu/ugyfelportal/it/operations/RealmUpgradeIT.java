package hu.ugyfelportal.it.operations;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.dapsimulator.DapSimulatorMain;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.Browser;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapPhone;
import hu.ugyfelportal.it.support.LoginJourney;
import hu.ugyfelportal.it.support.Page;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import hu.ugyfelportal.upgrade.Placeholders;
import hu.ugyfelportal.upgrade.RealmUpgradeMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.util.JsonSerialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm upgrade (scripts/upgrade-realm.sh) on the real Keycloak: a realm imported from the realm file of an
 * older commit (DÁP login before the e-mail code, the chooser, the client-number scope, the user profile and the
 * reset flow existed), with a customer linked to DÁP and settings an operator changed since, is brought to today's
 * realm file. It runs in a realm of its own, so the other tests' realm stays as imported; that realm, imported from
 * today's file, is what the upgraded one is compared with.
 */
@ExtendWith(UgyfelportalExtension.class)
class RealmUpgradeIT {

    private static final String REALM = "ugyfelportal-upgrade";
    /** realm-config/ugyfelportal-realm.json as of commit 1214855 (git show 1214855:realm-config/ugyfelportal-realm.json). */
    private static final String OLDER_REALM_FILE = "/realm-upgrade/ugyfelportal-realm-1214855.json";
    private static final String PORTAL_CLIENT = "ugyfelportal-portal";
    private static final String OPERATOR_SECRET = "secret-the-operator-rotated";
    private static final String PASSWORD = DapJourney.PASSWORD;
    private static final String CLIENT_NUMBER = "61000003 | MAGANSZEMELY | Frissítés Ügyfél";
    private static final String IDENTITY = "kovacs-janos";

    @AfterEach
    void removeTheRealm(TestEnvironment env) {
        env.admin().callIn(REALM, "DELETE", "", null);
    }

    @Test
    void anOlderRealmReachesTheRealmFileKeepsUsersLinksAndOperatorValuesAndASecondRunChangesNothing(
            TestEnvironment env) throws Exception {
        importOlderRealm(env);
        String clientUuid = clientUuid(env);
        // What an operator did meanwhile: rotated the portal's secret, deleted a DÁP mapper, changed a step's setting.
        env.admin().callIn(REALM, "POST", "/clients/" + clientUuid + "/client-secret", null).expect(200);
        Map<String, Object> client = env.admin().getIn(REALM, "/clients/" + clientUuid, new TypeReference<>() {
        });
        client.put("secret", OPERATOR_SECRET);
        env.admin().callIn(REALM, "PUT", "/clients/" + clientUuid, client).expect(204);
        deleteMapper(env, "given name");
        changeDenyMessage(env, "dap.somethingElse");
        // ... and let administrators keep attributes the older user profile did not declare, such as client numbers.
        Map<String, Object> profile = env.admin().getIn(REALM, "/users/profile", new TypeReference<>() {
        });
        profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        env.admin().callIn(REALM, "PUT", "/users/profile", profile).expect(200);
        PortalClient portal = env.client(REALM, PORTAL_CLIENT, OPERATOR_SECRET);
        String email = AdminApi.uniqueEmail("frissites");
        String userId = createCustomer(env, email);
        Page linked = DapJourney.link(env, DapJourney.linkingRequest(portal), email, IDENTITY);
        assertThat(linked.isPortalRedirect()).as("linked to DÁP in the older realm: %s", linked).isTrue();
        Map<String, Object> userBefore = user(env, userId);
        String credentialsBefore = json(env, "/users/" + userId + "/credentials");
        String linksBefore = json(env, "/users/" + userId + "/federated-identity");
        String browserFormsBefore = json(env, "/authentication/flows/" + path("ugyfelportal browser forms") + "/executions");

        Run dryRun = upgrade(env, "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(dryRun.out()).contains(
                "would change: flow ugyfelportal browser forms, step ugyfelportal-email-code: added",
                "would change: flow ugyfelportal reset credentials: created",
                "would change: identity provider dap, mapper given name: created",
                "would change: client scope ugyfelportal-client-number: created",
                "would change: user profile",
                "would change: authenticator settings dap not linked",
                "(dry run: nothing was changed)");
        assertThat(json(env, "/authentication/flows/" + path("ugyfelportal browser forms") + "/executions"))
                .as("a dry run changes nothing").isEqualTo(browserFormsBefore);

        Run first = upgrade(env);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(first.out()).contains("changed: flow ugyfelportal browser forms, step ugyfelportal-email-code: added")
                .doesNotContain("REFUSED");
        Map<String, Object> realmFile = JsonSerialization.readValue(
                java.nio.file.Files.readString(env.realmFile()), new TypeReference<>() {
                });
        for (Map<?, ?> flow : (List<Map<?, ?>>) realmFile.get("authenticationFlows")) {
            if (Boolean.TRUE.equals(flow.get("topLevel"))) {
                String alias = String.valueOf(flow.get("alias"));
                assertThat(executionShape(env, REALM, alias)).as("flow %s as after a fresh import", alias)
                        .isEqualTo(executionShape(env, env.realm(), alias));
            }
        }
        assertThat(profileAttributes(env, REALM)).isEqualTo(profileAttributes(env, env.realm()));
        assertThat(mapperNames(env, REALM)).isEqualTo(mapperNames(env, env.realm()));
        assertThat(env.admin().getIn(REALM, "/clients/" + clientUuid + "/client-secret",
                new TypeReference<Map<String, Object>>() {
                })).as("the secret the operator set stays").containsEntry("value", OPERATOR_SECRET);

        Run second = upgrade(env);

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(second.out()).isEqualTo("No change: realm " + REALM + " already matches the realm file.\n");
        assertThat(user(env, userId)).as("the user is as before").isEqualTo(userBefore);
        assertThat(json(env, "/users/" + userId + "/credentials")).isEqualTo(credentialsBefore);
        assertThat(json(env, "/users/" + userId + "/federated-identity")).as("the DÁP link stays").isEqualTo(linksBefore);

        assertThat(user(env, userId).get("attributes")).isEqualTo(Map.of("ugyfelszam", List.of(CLIENT_NUMBER)));

        // The whole login works on the upgraded realm: password, e-mailed code, chooser; and DÁP with the earlier link.
        Browser browser = env.newBrowser();
        PortalClient.AuthorizationRequest request = portal.authorizationRequest();
        Page done = LoginJourney.chooseFirstClientNumberIfAsked(browser,
                LoginJourney.passwordAndCode(env, browser, browser.open(request.url()), email, PASSWORD));
        assertThat(done.isPortalRedirect()).as("password, e-mailed code, client number: %s", done).isTrue();
        assertThat(portal.exchange(request, done).idTokenClaims()).containsEntry("email", email)
                .containsEntry("client_number", "61000003");

        Browser dapBrowser = env.newBrowser();
        PortalClient.AuthorizationRequest dapRequest = portal.authorizationRequest();
        Page qr = DapJourney.openDap(dapBrowser, dapBrowser.open(dapRequest.url()));
        assertThat(env.dap().approve(DapPhone.scan(qr), IDENTITY).verifierStatus()).isEqualTo(200);
        Page dapDone = DapJourney.refresh(dapBrowser, qr);
        assertThat(dapDone.isPortalRedirect()).as("DÁP login with the link made before the upgrade: %s", dapDone).isTrue();
        assertThat(portal.exchange(dapRequest, dapDone).idTokenClaims()).containsEntry("email", email);
    }

    @Test
    void aRealmImportedFromTodaysFileNeedsNoChange(TestEnvironment env) throws Exception {
        importRealm(env, java.nio.file.Files.readString(env.realmFile()));

        Run dryRun = upgrade(env, "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(dryRun.out()).isEqualTo("No change: realm " + REALM + " already matches the realm file.\n");
    }

    /** The older realm file as Keycloak's import reads it: placeholders from the tests' realm environment. */
    private static void importOlderRealm(TestEnvironment env) throws IOException {
        try (InputStream in = RealmUpgradeIT.class.getResourceAsStream(OLDER_REALM_FILE)) {
            importRealm(env, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void importRealm(TestEnvironment env, String text) throws IOException {
        env.admin().callIn(REALM, "DELETE", "", null);
        Map<String, String> environment = new HashMap<>(env.realmEnvironment());
        // The older file trusted the PID issuer's certificate itself, not its CA.
        environment.put("UGYFELPORTAL_DAP_TRUSTED_ISSUERS", DapSimulatorMain.oneLine(env.dap().issuerCertificatePem()));
        Map<String, Object> realm = JsonSerialization.readValue(
                new Placeholders(environment, true).resolve(text), new TypeReference<>() {
                });
        realm.put("realm", REALM);
        env.admin().callIn("", "POST", "", realm).expect(201);
    }

    private static Run upgrade(TestEnvironment env, String... options) {
        Map<String, String> environment = new HashMap<>(env.realmEnvironment());
        environment.put("KEYCLOAK_URL", env.keycloak().baseUrl());
        environment.put("KEYCLOAK_ADMIN_USER", env.keycloak().adminUsername());
        environment.put("KEYCLOAK_ADMIN_PASSWORD", env.keycloak().adminPassword());
        environment.put("KEYCLOAK_REALM", REALM);
        List<String> args = new java.util.ArrayList<>(List.of(env.realmFile().toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = RealmUpgradeMain.run(args.toArray(String[]::new), environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static String createCustomer(TestEnvironment env, String email) {
        Map<String, Object> user = Map.of("username", email, "email", email, "emailVerified", true, "enabled", true,
                "firstName", "Frissítés", "lastName", "Ügyfél", "attributes", Map.of("ugyfelszam", List.of(CLIENT_NUMBER)),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        AdminApi.Response created = env.admin().callIn(REALM, "POST", "/users", user).expect(201);
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    private static String clientUuid(TestEnvironment env) {
        List<Map<String, Object>> clients = env.admin().getIn(REALM, "/clients?clientId=" + PORTAL_CLIENT,
                new TypeReference<>() {
                });
        return String.valueOf(clients.get(0).get("id"));
    }

    private static void deleteMapper(TestEnvironment env, String name) {
        List<Map<String, Object>> mappers = env.admin().getIn(REALM, "/identity-provider/instances/dap/mappers",
                new TypeReference<>() {
                });
        Object id = mappers.stream().filter(mapper -> name.equals(mapper.get("name"))).findFirst().orElseThrow().get("id");
        env.admin().callIn(REALM, "DELETE", "/identity-provider/instances/dap/mappers/" + id, null).expect(204);
    }

    /** The setting of the DÁP first-login step (authenticator config 'dap not linked'), changed as in the admin console. */
    private static void changeDenyMessage(TestEnvironment env, String message) {
        List<Map<String, Object>> executions = env.admin().getIn(REALM, "/authentication/flows/"
                + path("ugyfelportal dap first login") + "/executions", new TypeReference<>() {
        });
        String configId = String.valueOf(executions.get(0).get("authenticationConfig"));
        Map<String, Object> config = env.admin().getIn(REALM, "/authentication/config/" + configId, new TypeReference<>() {
        });
        config.put("config", Map.of("denyErrorMessage", message));
        env.admin().callIn(REALM, "PUT", "/authentication/config/" + configId, config).expect(204);
    }

    /** A flow's executions as they matter for a login: step or subflow, requirement, depth, place, settings. */
    private static List<String> executionShape(TestEnvironment env, String realm, String flowAlias) {
        List<Map<String, Object>> executions = env.admin().getIn(realm, "/authentication/flows/" + path(flowAlias)
                + "/executions", new TypeReference<>() {
        });
        return executions.stream().map(execution -> execution.get("level") + " " + execution.get("index") + " "
                + (Boolean.TRUE.equals(execution.get("authenticationFlow")) ? "subflow " + execution.get("displayName")
                : execution.get("providerId")) + " " + execution.get("requirement") + " "
                + configValues(env, realm, execution)).toList();
    }

    private static String configValues(TestEnvironment env, String realm, Map<String, Object> execution) {
        if (execution.get("authenticationConfig") == null) {
            return "no settings";
        }
        Map<String, Object> config = env.admin().getIn(realm, "/authentication/config/"
                + execution.get("authenticationConfig"), new TypeReference<>() {
        });
        return config.get("alias") + " " + new java.util.TreeMap<>((Map<?, ?>) config.get("config"));
    }

    private static List<String> profileAttributes(TestEnvironment env, String realm) {
        Map<String, Object> profile = env.admin().getIn(realm, "/users/profile", new TypeReference<>() {
        });
        return ((List<Map<String, Object>>) profile.get("attributes")).stream()
                .map(attribute -> attribute.get("name") + " " + new java.util.TreeMap<>(attribute)).toList();
    }

    private static List<String> mapperNames(TestEnvironment env, String realm) {
        List<Map<String, Object>> mappers = env.admin().getIn(realm, "/identity-provider/instances/dap/mappers",
                new TypeReference<>() {
                });
        return mappers.stream().map(mapper -> mapper.get("name") + " " + mapper.get("config")).sorted().toList();
    }

    private static Map<String, Object> user(TestEnvironment env, String userId) {
        return env.admin().getIn(REALM, "/users/" + userId, new TypeReference<>() {
        });
    }

    private static String json(TestEnvironment env, String path) {
        return env.admin().callIn(REALM, "GET", path, null).expect(200).body();
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
