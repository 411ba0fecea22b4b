package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throw-away OIDC client whose browser flow is just "Username Password Form" then the e-mail code step with the
 * given settings, so a test can shorten lifetimes and cool-downs without touching the realm's own flow, which every
 * other test shares. Close it to delete the client and its flow.
 */
public final class CodeStepClient implements AutoCloseable {

    private static final String SECRET = "code-step-test-secret";
    private static final String EMAIL_CODE = "ugyfelportal-email-code";

    private final TestEnvironment env;
    private final String flowId;
    private final String clientUuid;
    private final PortalClient portal;

    private CodeStepClient(TestEnvironment env, String flowId, String clientUuid, PortalClient portal) {
        this.env = env;
        this.flowId = flowId;
        this.clientUuid = clientUuid;
        this.portal = portal;
    }

    /** @param settings the e-mail code step's configuration (keys as in the admin console), e.g. lifetimeSeconds */
    public static CodeStepClient create(TestEnvironment env, Map<String, String> settings) {
        AdminApi admin = env.admin();
        String name = "code-step-" + UUID.randomUUID().toString().substring(0, 8);
        String flowLocation = admin.call("POST", "/authentication/flows", Map.of(
                "alias", name, "description", "test flow: password then e-mail code", "providerId", "basic-flow",
                "topLevel", true, "builtIn", false)).expect(201).location();
        String flowId = flowLocation.substring(flowLocation.lastIndexOf('/') + 1);
        for (String provider : List.of("auth-username-password-form", EMAIL_CODE)) {
            admin.call("POST", "/authentication/flows/" + name + "/executions/execution", Map.of("provider", provider))
                    .expect(201);
        }
        List<Map<String, Object>> executions = admin.get("/authentication/flows/" + name + "/executions",
                new TypeReference<>() {
                });
        for (Map<String, Object> execution : executions) {
            execution.put("requirement", "REQUIRED");
            succeeded(admin.call("PUT", "/authentication/flows/" + name + "/executions", execution));
            if (EMAIL_CODE.equals(execution.get("providerId"))) {
                admin.call("POST", "/authentication/executions/" + execution.get("id") + "/config",
                        Map.of("alias", name + "-config", "config", settings)).expect(201);
            }
        }
        String clientLocation = admin.call("POST", "/clients", Map.of(
                "clientId", name, "enabled", true, "protocol", "openid-connect", "publicClient", false,
                "secret", SECRET, "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                "redirectUris", List.of(env.portalUrl() + "/*"),
                "authenticationFlowBindingOverrides", Map.of("browser", flowId))).expect(201).location();
        String clientUuid = clientLocation.substring(clientLocation.lastIndexOf('/') + 1);
        return new CodeStepClient(env, flowId, clientUuid, env.client(name, SECRET));
    }

    /** The OIDC client whose logins go through this flow. */
    public PortalClient portal() {
        return portal;
    }

    @Override
    public void close() {
        succeeded(env.admin().call("DELETE", "/clients/" + clientUuid, null));
        succeeded(env.admin().call("DELETE", "/authentication/flows/" + flowId, null));
    }

    private static void succeeded(AdminApi.Response response) {
        if (response.status() / 100 != 2) {
            throw new AssertionError("Admin API answered " + response.status() + ": " + response.body());
        }
    }
}
