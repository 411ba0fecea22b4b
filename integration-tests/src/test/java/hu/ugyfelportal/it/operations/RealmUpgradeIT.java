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
import hu.ugyfelportal.loader.KeycloakAdmin;
import hu.ugyfelportal.loader.LoaderSettings;
import hu.ugyfelportal.upgrade.Placeholders;
import hu.ugyfelportal.upgrade.RealmUpgradeMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm upgrade (scripts/upgrade-realm.sh) on the real Keycloak, in a realm of its own (deleted after each test),
 * so the other tests' realm stays as imported. A realm imported from the realm file of 2026-11-24 (as the command
 * ships it) and changed as an operator would — an own client with its secret, extra mappers on the portal client
 * and on DÁP, a user-profile attribute, a role and a group, the SMTP sender, the code length, an extra browser-flow
 * step, an event listener, a customer with a password and a DÁP link — is brought to today's realm file.
 */
@ExtendWith(UgyfelportalExtension.class)
class RealmUpgradeIT {

    private static final String REALM = "ugyfelportal-upgrade";
    private static final String EARLIER_REALM_FILE = "/realm-history/2026-11-24.json";
    private static final String PORTAL_CLIENT = "ugyfelportal-portal";
    private static final String OPERATOR_SECRET = "secret-the-operator-rotated";
    private static final String OWN_CLIENT = "operator-reports";
    private static final String OWN_CLIENT_SECRET = "operator-reports-secret";
    private static final String PORTAL_MAPPER = "operator department claim";
    private static final String DAP_MAPPER = "operator dap source";
    private static final String PROFILE_ATTRIBUTE = "operatorNote";
    private static final String ROLE = "operator-auditor";
    private static final String GROUP = "operators";
    private static final String SMTP_FROM = "portal-noreply@example.hu";
    private static final String EVENT_LISTENER = "email";
    private static final String EXTRA_STEP = "auth-otp-form";
    private static final String BROWSER_FORMS = "ugyfelportal browser forms";
    private static final String CODE_SETTINGS = "ugyfelportal email code";
    private static final String PASSWORD = DapJourney.PASSWORD;
    private static final String CLIENT_NUMBER = "61000003 | MAGANSZEMELY | Frissítés Ügyfél";
    private static final String IDENTITY = "kovacs-janos";
    private static final String HELP_TEXT_KEY = "clientNumber.attributeHelp";

    @AfterEach
    void removeTheRealm(TestEnvironment env) {
        env.admin().callIn(REALM, "DELETE", "", null);
    }

    @Test
    void anOperatorsRealmFromAnEarlierFileKeepsAllTheOperatorSetGetsTheReleasesChangesAndASecondRunChangesNothing(
            TestEnvironment env) throws Exception {
        importEarlierRealm(env);
        String customerId = changeAsAnOperatorWould(env);
        PortalClient portal = env.client(REALM, PORTAL_CLIENT, OPERATOR_SECRET);
        String email = String.valueOf(user(env, customerId).get("username"));
        Page linked = DapJourney.link(env, DapJourney.linkingRequest(portal), email, IDENTITY);
        assertThat(linked.isPortalRedirect()).as("linked to DÁP in the earlier realm: %s", linked).isTrue();
        Map<String, Object> customerBefore = user(env, customerId);
        String credentialsBefore = json(env, "/users/" + customerId + "/credentials");
        String linksBefore = json(env, "/users/" + customerId + "/federated-identity");
        String groupsBefore = json(env, "/users/" + customerId + "/groups");
        String realmBefore = snapshot(env);

        Run dryRun = upgrade(env, "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(dryRun.out()).contains(
                "Base: the realm records no realm file (imported before the upgrade remembered one); it is taken as"
                        + " brought to the known realm file closest to it, 2026-11-24",
                "would change: flow ugyfelportal browser forms, step ugyfelportal-username-password-form: added",
                "would change: flow ugyfelportal browser forms, step auth-username-password-form: removed (no longer in"
                        + " the realm file)",
                "would change: flow ugyfelportal direct grant denied: created",
                "would change: authenticator settings ugyfelportal password link",
                "(dry run: nothing was changed)",
                "The realm would remember realm file 2026-12-08 as the base of its next upgrade.")
                .doesNotContain(EXTRA_STEP, PORTAL_MAPPER, DAP_MAPPER, PROFILE_ATTRIBUTE, "CONFLICT");
        assertThat(dryRun.out().indexOf("step ugyfelportal-username-password-form: added"))
                .as("the replacing step goes in before the replaced one goes")
                .isLessThan(dryRun.out().indexOf("step auth-username-password-form: removed"));
        assertThat(snapshot(env)).as("a dry run changes nothing").isEqualTo(realmBefore);

        Run first = upgrade(env);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(first.out()).contains(
                "changed: flow ugyfelportal browser forms, step ugyfelportal-username-password-form: added",
                "changed: realm settings", "realm.directGrantFlow: 'direct grant' -> 'ugyfelportal direct grant"
                        + " denied' (newly set by the realm file)",
                "The realm now remembers realm file 2026-12-08 as the base of its next upgrade.")
                .doesNotContain("REFUSED", "CONFLICT", "PROBLEM");
        // Everything the operator set is still there ...
        assertThat(clientSecret(env, OWN_CLIENT)).isEqualTo(OWN_CLIENT_SECRET);
        assertThat(clientSecret(env, PORTAL_CLIENT)).as("the secret the operator rotated").isEqualTo(OPERATOR_SECRET);
        assertThat(names(env, "/clients/" + clientUuid(env, PORTAL_CLIENT) + "/protocol-mappers/models"))
                .contains(PORTAL_MAPPER);
        assertThat(names(env, "/identity-provider/instances/dap/mappers")).contains(DAP_MAPPER);
        assertThat(profileAttributeNames(env, REALM)).contains(PROFILE_ATTRIBUTE)
                .containsAll(profileAttributeNames(env, env.realm()));
        assertThat(names(env, "/roles")).contains(ROLE);
        assertThat(names(env, "/groups")).contains(GROUP);
        Map<String, Object> realm = realm(env);
        assertThat((Map<String, Object>) realm.get("smtpServer")).containsEntry("from", SMTP_FROM);
        assertThat((List<String>) realm.get("eventsListeners")).contains(EVENT_LISTENER, "jboss-logging");
        assertThat(codeLength(env)).as("the operator's code length").isEqualTo("8");
        assertThat(stepsOf(env, REALM, BROWSER_FORMS)).contains(EXTRA_STEP);
        assertThat(user(env, customerId)).as("the customer is as before").isEqualTo(customerBefore);
        assertThat(json(env, "/users/" + customerId + "/credentials")).isEqualTo(credentialsBefore);
        assertThat(json(env, "/users/" + customerId + "/federated-identity")).as("the DÁP link").isEqualTo(linksBefore);
        assertThat(json(env, "/users/" + customerId + "/groups")).isEqualTo(groupsBefore);
        // ... and the release's changes are made: each flow as a fresh import makes it, but for the operator's step
        // and code length.
        for (String alias : topLevelFlowsOfTheRealmFile(env)) {
            List<String> upgraded = executionShape(env, REALM, alias);
            upgraded.removeIf(step -> step.contains(EXTRA_STEP));
            assertThat(upgraded).as("flow %s as after a fresh import", alias).isEqualTo(executionShape(env,
                    env.realm(), alias).stream().map(step -> step.replace("codeLength=6", "codeLength=8")).toList());
        }
        assertThat(realm.get("directGrantFlow")).isEqualTo("ugyfelportal direct grant denied");

        Run second = upgrade(env);

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(second.out()).isEqualTo("No change: realm " + REALM + " already matches the realm file.\n");

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
    }

    @Test
    void aValueBothChangedIsAConflictWithBothValuesAndPruneAndForceFileValuesActOnlyWhenAskedAndAfterADryRun(
            TestEnvironment env) throws Exception {
        importEarlierRealm(env);
        changeAsAnOperatorWould(env);
        putText(env, "/localization/hu/" + HELP_TEXT_KEY, "Az üzemeltető saját súgója.");

        Run first = upgrade(env);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(RealmUpgradeMain.EXIT_NEEDS_ATTENTION);
        assertThat(first.out()).contains("CONFLICT: localization texts (hu)",
                HELP_TEXT_KEY + ": the realm file changed 'Soronként egy ügyfélszám",
                "this realm has 'Az üzemeltető saját súgója.'; kept 'Az üzemeltető saját súgója.'",
                "1 conflict(s): the realm's values kept (--force-file-values sets the file's)");
        assertThat(localization(env).get(HELP_TEXT_KEY)).isEqualTo("Az üzemeltető saját súgója.");

        String beforePrune = snapshot(env);
        Run prunePreview = upgrade(env, "--dry-run", "--prune");
        assertThat(prunePreview.out()).contains(
                "would change: flow ugyfelportal browser forms, step " + EXTRA_STEP
                        + ": removed (not in the realm file, --prune)",
                "would change: identity provider dap, mapper " + DAP_MAPPER + ": removed (not in the realm file,"
                        + " --prune)",
                "profile.attributes[" + PROFILE_ATTRIBUTE + "]: removed (--prune)");
        assertThat(snapshot(env)).as("a dry run with --prune changes nothing").isEqualTo(beforePrune);
        Run pruned = upgrade(env, "--prune");
        assertThat(pruned.exitCode()).as(pruned.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(stepsOf(env, REALM, BROWSER_FORMS)).doesNotContain(EXTRA_STEP);
        assertThat(names(env, "/identity-provider/instances/dap/mappers")).doesNotContain(DAP_MAPPER);
        assertThat(profileAttributeNames(env, REALM)).doesNotContain(PROFILE_ATTRIBUTE);
        assertThat(names(env, "/clients")).as("--prune never removes a client").contains(OWN_CLIENT);
        assertThat(names(env, "/clients/" + clientUuid(env, PORTAL_CLIENT) + "/protocol-mappers/models"))
                .as("the file names no mappers of the portal client, so they are not the file's to prune")
                .contains(PORTAL_MAPPER);

        String beforeForce = snapshot(env);
        Run forcePreview = upgrade(env, "--dry-run", "--force-file-values");
        assertThat(forcePreview.out()).contains("would change: authenticator settings " + CODE_SETTINGS,
                "config.codeLength: '8' -> '6' (--force-file-values)", "would change: localization texts (hu)");
        assertThat(snapshot(env)).as("a dry run with --force-file-values changes nothing").isEqualTo(beforeForce);
        Run forced = upgrade(env, "--force-file-values");
        assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(codeLength(env)).isEqualTo("6");
        assertThat(String.valueOf(localization(env).get(HELP_TEXT_KEY))).startsWith("Mezőnként egy ügyfélszám");
        assertThat(clientSecret(env, PORTAL_CLIENT)).as("placeholders stay the server's").isEqualTo(OPERATOR_SECRET);

        assertThat(upgrade(env).out()).isEqualTo("No change: realm " + REALM + " already matches the realm file.\n");
    }

    @Test
    void overwritingEnvironmentValuesIsRefusedForAnUnsetVariableAndABrokenSecretOnTheServerIsReported(
            TestEnvironment env) throws Exception {
        importRealm(env, Files.readString(env.realmFile()), env.realmEnvironment());
        String before = snapshot(env);
        Map<String, String> withoutSecret = new HashMap<>(env.realmEnvironment());
        withoutSecret.remove("UGYFELPORTAL_PORTAL_CLIENT_SECRET");

        Run refused = upgrade(env, withoutSecret, "--overwrite-environment-values");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(RealmUpgradeMain.EXIT_FAILED);
        assertThat(refused.err()).contains("Refused, nothing was changed",
                "UGYFELPORTAL_PORTAL_CLIENT_SECRET is not set and has no default");
        assertThat(snapshot(env)).as("refused before any change").isEqualTo(before);

        // What an earlier run without that check left: the public placeholder as the portal's secret.
        setClientSecret(env, PORTAL_CLIENT, "${UGYFELPORTAL_PORTAL_CLIENT_SECRET}");
        Run found = upgrade(env);
        assertThat(found.exitCode()).as(found.toString()).isEqualTo(RealmUpgradeMain.EXIT_NEEDS_ATTENTION);
        assertThat(found.out()).contains("PROBLEM: client " + PORTAL_CLIENT + " secret on the server is the literal"
                + " text ${UGYFELPORTAL_PORTAL_CLIENT_SECRET}, not a secret");

        Run fixed = upgrade(env, completeEnvironment(env), "--overwrite-environment-values");
        assertThat(fixed.exitCode()).as(fixed.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(fixed.out()).contains("secret: set from the environment").doesNotContain("PROBLEM");
        assertThat(clientSecret(env, PORTAL_CLIENT)).isEqualTo(env.realmEnvironment()
                .get("UGYFELPORTAL_PORTAL_CLIENT_SECRET"));
    }

    @Test
    void aChangeKeycloakRefusesStopsTheRunThereNamesItAndTheRealmDoesNotRememberTheFile(TestEnvironment env,
            @TempDir java.nio.file.Path folder) throws Exception {
        importRealm(env, Files.readString(env.realmFile()), env.realmEnvironment());
        Map<String, Object> file = org.keycloak.util.JsonSerialization.readValue(Files.readString(env.realmFile()),
                new TypeReference<>() {
                });
        // A release whose browser forms name a step this Keycloak lacks, and which also renames the realm (last).
        ((Map<String, Object>) file.get("attributes")).put("ugyfelportalRealmFileVersion", "2099-01-01");
        file.put("displayName", "Renamed by the release");
        for (Map<String, Object> flow : (List<Map<String, Object>>) file.get("authenticationFlows")) {
            if (BROWSER_FORMS.equals(flow.get("alias"))) {
                List<Object> executions = new ArrayList<>((List<?>) flow.get("authenticationExecutions"));
                executions.add(Map.of("authenticator", "no-such-step", "requirement", "DISABLED", "priority", 90,
                        "authenticatorFlow", false));
                flow.put("authenticationExecutions", executions);
            }
        }
        java.nio.file.Path release = folder.resolve("release.json");
        Files.writeString(release, org.keycloak.util.JsonSerialization.writeValueAsString(file));
        String displayName = String.valueOf(realm(env).get("displayName"));

        Run stopped = upgrade(env, env.realmEnvironment(), release);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(RealmUpgradeMain.EXIT_CHANGES_REFUSED);
        assertThat(stopped.out()).contains("REFUSED: flow " + BROWSER_FORMS + ", step no-such-step: added",
                "Keycloak answered: ", "STOPPED here: the changes above were made, none after this one")
                .doesNotContain("realm settings", "now remembers");
        assertThat(realm(env).get("displayName")).as("nothing after the refused change").isEqualTo(displayName);
        assertThat((Map<String, Object>) realm(env).get("attributes")).doesNotContainKey("ugyfelportalRealmFile");
        assertThat(upgrade(env).out()).as("the refused run changed nothing, so today's file finds nothing to do")
                .startsWith("No change: realm " + REALM + " already matches the realm file.\n");
    }

    @Test
    void aRealmImportedFromTodaysFileNeedsNoChange(TestEnvironment env) throws Exception {
        importRealm(env, Files.readString(env.realmFile()), env.realmEnvironment());

        Run dryRun = upgrade(env, "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(RealmUpgradeMain.EXIT_OK);
        assertThat(dryRun.out()).startsWith("No change: realm " + REALM + " already matches the realm file.\n"
                + "Base: realm file 2026-12-08, which the realm was imported from");
    }

    /** The earlier realm file as Keycloak's import reads it: placeholders from the tests' realm environment. */
    private static void importEarlierRealm(TestEnvironment env) throws IOException {
        Map<String, String> environment = new HashMap<>(env.realmEnvironment());
        // The earlier file also trusted the PID issuer's certificate itself.
        environment.put("UGYFELPORTAL_DAP_TRUSTED_ISSUERS", DapSimulatorMain.oneLine(env.dap().issuerCertificatePem()));
        try (InputStream in = RealmUpgradeMain.class.getResourceAsStream(EARLIER_REALM_FILE)) {
            importRealm(env, new String(in.readAllBytes(), StandardCharsets.UTF_8), environment);
        }
        // Today's bundle checks the PID's status list, which the simulator serves over loopback http; the earlier
        // file had no setting for that, so the operator of this test set it, as the tests' realm environment does.
        Map<String, Object> dap = env.admin().getIn(REALM, "/identity-provider/instances/dap", new TypeReference<>() {
        });
        ((Map<String, Object>) dap.get("config")).put("dapStatusListLoopbackHttp", "true");
        env.admin().callIn(REALM, "PUT", "/identity-provider/instances/dap", dap).expect(204);
    }

    private static void importRealm(TestEnvironment env, String text, Map<String, String> environment)
            throws IOException {
        env.admin().callIn(REALM, "DELETE", "", null);
        Map<String, Object> realm = org.keycloak.util.JsonSerialization.readValue(
                new Placeholders(environment, true).resolve(text), new TypeReference<>() {
                });
        realm.put("realm", REALM);
        env.admin().callIn("", "POST", "", realm).expect(201);
    }

    /** The changes an operator makes over the years, through the admin API; returns the customer's id. */
    private static String changeAsAnOperatorWould(TestEnvironment env) {
        String portalUuid = clientUuid(env, PORTAL_CLIENT);
        setClientSecret(env, PORTAL_CLIENT, OPERATOR_SECRET);
        env.admin().callIn(REALM, "POST", "/clients", Map.of("clientId", OWN_CLIENT, "protocol", "openid-connect",
                "publicClient", false, "secret", OWN_CLIENT_SECRET, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false)).expect(201);
        env.admin().callIn(REALM, "POST", "/clients/" + portalUuid + "/protocol-mappers/models", Map.of(
                "name", PORTAL_MAPPER, "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                "config", Map.of("claim.name", "department", "claim.value", "billing", "jsonType.label", "String",
                        "id.token.claim", "true", "access.token.claim", "true"))).expect(201);
        env.admin().callIn(REALM, "POST", "/identity-provider/instances/dap/mappers", Map.of("name", DAP_MAPPER,
                "identityProviderAlias", "dap", "identityProviderMapper", "hardcoded-attribute-idp-mapper",
                "config", Map.of("syncMode", "INHERIT", "attribute", "loginSource", "attribute.value", "dap")))
                .expect(201);
        Map<String, Object> profile = env.admin().getIn(REALM, "/users/profile", new TypeReference<>() {
        });
        List<Object> attributes = new ArrayList<>((List<?>) profile.get("attributes"));
        attributes.add(Map.of("name", PROFILE_ATTRIBUTE, "displayName", "Operator note", "multivalued", false,
                "permissions", Map.of("view", List.of("admin"), "edit", List.of("admin"))));
        profile.put("attributes", attributes);
        env.admin().callIn(REALM, "PUT", "/users/profile", profile).expect(200);
        env.admin().callIn(REALM, "POST", "/roles", Map.of("name", ROLE)).expect(201);
        String groupId = idFrom(env.admin().callIn(REALM, "POST", "/groups", Map.of("name", GROUP)).expect(201));
        Map<String, Object> smtp = new LinkedHashMap<>((Map<String, Object>) realm(env).get("smtpServer"));
        smtp.put("from", SMTP_FROM);
        env.admin().callIn(REALM, "PUT", "", Map.of("smtpServer", smtp,
                "eventsListeners", List.of("jboss-logging", EVENT_LISTENER))).expect(204);
        Map<String, Object> codeSettings = codeSettings(env);
        ((Map<String, Object>) codeSettings.get("config")).put("codeLength", "8");
        env.admin().callIn(REALM, "PUT", "/authentication/config/" + codeSettings.get("id"), codeSettings).expect(204);
        env.admin().callIn(REALM, "POST", "/authentication/flows/" + path(BROWSER_FORMS) + "/executions/execution",
                Map.of("provider", EXTRA_STEP)).expect(201);

        String email = AdminApi.uniqueEmail("frissites");
        Map<String, Object> customer = Map.of("username", email, "email", email, "emailVerified", true,
                "enabled", true, "firstName", "Frissítés", "lastName", "Ügyfél",
                "attributes", Map.of("ugyfelszam", List.of(CLIENT_NUMBER), PROFILE_ATTRIBUTE, List.of("VIP")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        String customerId = idFrom(env.admin().callIn(REALM, "POST", "/users", customer).expect(201));
        env.admin().callIn(REALM, "PUT", "/users/" + customerId + "/groups/" + groupId, null).expect(204);
        return customerId;
    }

    private static Run upgrade(TestEnvironment env, String... options) {
        return upgrade(env, env.realmEnvironment(), options);
    }

    private static Run upgrade(TestEnvironment env, Map<String, String> realmEnvironment, String... options) {
        return upgrade(env, realmEnvironment, env.realmFile(), options);
    }

    private static Run upgrade(TestEnvironment env, Map<String, String> realmEnvironment, java.nio.file.Path realmFile,
                               String... options) {
        Map<String, String> environment = new HashMap<>(realmEnvironment);
        environment.put("KEYCLOAK_URL", env.keycloak().baseUrl());
        environment.put("KEYCLOAK_ADMIN_USER", env.keycloak().adminUsername());
        environment.put("KEYCLOAK_ADMIN_PASSWORD", env.keycloak().adminPassword());
        environment.put("KEYCLOAK_REALM", REALM);
        List<String> args = new ArrayList<>(List.of(realmFile.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = RealmUpgradeMain.run(args.toArray(String[]::new), environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** The tests' realm environment with an explicit (empty) value for every variable it leaves unset. */
    private static Map<String, String> completeEnvironment(TestEnvironment env) throws IOException {
        Map<String, String> environment = new HashMap<>(env.realmEnvironment());
        java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}")
                .matcher(Files.readString(env.realmFile()));
        while (variables.find()) {
            if (variables.group(2) == null || variables.group(2).length() == 1) {
                environment.putIfAbsent(variables.group(1), "");
            }
        }
        return environment;
    }

    /**
     * What the upgrade may change, read back whole, to prove that a dry run or a refused run changed nothing. Keycloak
     * lists some sets (a client's scopes) in no fixed order, so every list is compared as a sorted one.
     */
    private static String snapshot(TestEnvironment env) {
        List<Object> all = new ArrayList<>();
        for (String path : List.of("", "/client-scopes", "/clients", "/identity-provider/instances",
                "/identity-provider/instances/dap/mappers", "/users/profile", "/localization/hu", "/localization/en",
                "/roles", "/groups", "/default-default-client-scopes")) {
            all.add(env.admin().getIn(REALM, path, new TypeReference<Object>() {
            }));
        }
        List<Map<String, Object>> flows = env.admin().getIn(REALM, "/authentication/flows", new TypeReference<>() {
        });
        for (Map<String, Object> flow : flows) {
            all.add(executionShape(env, REALM, String.valueOf(flow.get("alias"))));
        }
        for (Map<String, Object> client : env.admin().getIn(REALM, "/clients", new TypeReference<List<Map<String,
                Object>>>() {
        })) {
            all.add(env.admin().getIn(REALM, "/clients/" + client.get("id") + "/protocol-mappers/models",
                    new TypeReference<Object>() {
                    }));
        }
        return String.valueOf(sorted(all));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, Object> result = new java.util.TreeMap<>();
            map.forEach((key, element) -> result.put(String.valueOf(key), sorted(element)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RealmUpgradeIT::sorted).map(String::valueOf).sorted().toList();
        }
        return value;
    }

    private static List<String> topLevelFlowsOfTheRealmFile(TestEnvironment env) throws IOException {
        Map<String, Object> realmFile = org.keycloak.util.JsonSerialization.readValue(
                Files.readString(env.realmFile()), new TypeReference<>() {
                });
        return ((List<Map<String, Object>>) realmFile.get("authenticationFlows")).stream()
                .filter(flow -> Boolean.TRUE.equals(flow.get("topLevel")))
                .map(flow -> String.valueOf(flow.get("alias"))).toList();
    }

    /** A flow's executions as they matter for a login: step or subflow, requirement, depth, settings. */
    private static List<String> executionShape(TestEnvironment env, String realm, String flowAlias) {
        List<Map<String, Object>> executions = env.admin().getIn(realm, "/authentication/flows/" + path(flowAlias)
                + "/executions", new TypeReference<>() {
        });
        return new ArrayList<>(executions.stream().map(execution -> execution.get("level") + " "
                + (Boolean.TRUE.equals(execution.get("authenticationFlow")) ? "subflow " + execution.get("displayName")
                : execution.get("providerId")) + " " + execution.get("requirement") + " "
                + configValues(env, realm, execution)).toList());
    }

    private static List<String> stepsOf(TestEnvironment env, String realm, String flowAlias) {
        List<Map<String, Object>> executions = env.admin().getIn(realm, "/authentication/flows/" + path(flowAlias)
                + "/executions", new TypeReference<>() {
        });
        return executions.stream().map(execution -> String.valueOf(execution.get("providerId"))).toList();
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

    private static Map<String, Object> codeSettings(TestEnvironment env) {
        List<Map<String, Object>> executions = env.admin().getIn(REALM, "/authentication/flows/" + path(BROWSER_FORMS)
                + "/executions", new TypeReference<>() {
        });
        Object configId = executions.stream().filter(execution -> CODE_SETTINGS.equals(execution.get("alias")))
                .findFirst().orElseThrow().get("authenticationConfig");
        return env.admin().getIn(REALM, "/authentication/config/" + configId, new TypeReference<>() {
        });
    }

    private static String codeLength(TestEnvironment env) {
        return String.valueOf(((Map<?, ?>) codeSettings(env).get("config")).get("codeLength"));
    }

    private static List<String> profileAttributeNames(TestEnvironment env, String realm) {
        Map<String, Object> profile = env.admin().getIn(realm, "/users/profile", new TypeReference<>() {
        });
        return ((List<Map<String, Object>>) profile.get("attributes")).stream()
                .map(attribute -> String.valueOf(attribute.get("name"))).toList();
    }

    private static List<String> names(TestEnvironment env, String path) {
        List<Map<String, Object>> elements = env.admin().getIn(REALM, path, new TypeReference<>() {
        });
        return elements.stream().map(element -> String.valueOf(element.getOrDefault("name", element.get("clientId"))))
                .toList();
    }

    private static String clientUuid(TestEnvironment env, String clientId) {
        List<Map<String, Object>> clients = env.admin().getIn(REALM, "/clients?clientId=" + clientId,
                new TypeReference<>() {
                });
        return String.valueOf(clients.get(0).get("id"));
    }

    private static String clientSecret(TestEnvironment env, String clientId) {
        Map<String, Object> secret = env.admin().getIn(REALM, "/clients/" + clientUuid(env, clientId)
                + "/client-secret", new TypeReference<>() {
                });
        return String.valueOf(secret.get("value"));
    }

    private static void setClientSecret(TestEnvironment env, String clientId, String secret) {
        String path = "/clients/" + clientUuid(env, clientId);
        Map<String, Object> client = env.admin().getIn(REALM, path, new TypeReference<>() {
        });
        client.put("secret", secret);
        env.admin().callIn(REALM, "PUT", path, client).expect(204);
    }

    private static Map<String, Object> localization(TestEnvironment env) {
        return env.admin().getIn(REALM, "/localization/hu", new TypeReference<>() {
        });
    }

    /** A localization text as the admin console sets it (plain text, which the tests' admin client does not send). */
    private static void putText(TestEnvironment env, String path, String text) {
        KeycloakAdmin admin = new KeycloakAdmin(new LoaderSettings(URI.create(env.keycloak().baseUrl()), REALM,
                LoaderSettings.DEFAULT_ADMIN_REALM, LoaderSettings.DEFAULT_ADMIN_CLIENT_ID,
                env.keycloak().adminUsername(), env.keycloak().adminPassword()));
        assertThat(admin.putText(path, text).isSuccess()).isTrue();
    }

    private static Map<String, Object> realm(TestEnvironment env) {
        return env.admin().getIn(REALM, "", new TypeReference<>() {
        });
    }

    private static Map<String, Object> user(TestEnvironment env, String userId) {
        return env.admin().getIn(REALM, "/users/" + userId, new TypeReference<>() {
        });
    }

    private static String idFrom(AdminApi.Response created) {
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    private static String json(TestEnvironment env, String path) {
        return env.admin().callIn(REALM, "GET", path, null).expect(200).body();
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
