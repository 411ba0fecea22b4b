package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' baseline: a client of its own whose browser flow is overridden to Keycloak's bare Username Password
 * Form, so a login through it costs what a plain Keycloak password login costs (one hash, no step of ours).
 */
public final class PlainPasswordClient {

    private PlainPasswordClient() {
    }

    /** Creates the flow {@code flowAlias} and the client {@code clientId} bound to it; returns the client. */
    public static PortalClient create(TestEnvironment env, String clientId, String secret, String flowAlias) {
        AdminApi admin = env.admin();
        admin.call("POST", "/authentication/flows", Map.of("alias", flowAlias, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "description", "benchmark baseline")).expect(201);
        String flowPath = "/authentication/flows/" + flowAlias.replace(" ", "%20");
        admin.call("POST", flowPath + "/executions/execution", Map.of("provider", "auth-username-password-form")).expect(201);
        List<Map<String, Object>> executions = admin.get(flowPath + "/executions", new TypeReference<>() {
        });
        Map<String, Object> execution = new LinkedHashMap<>(executions.get(0));
        execution.put("requirement", "REQUIRED");
        admin.call("PUT", flowPath + "/executions", execution).expect(204);
        List<Map<String, Object>> flows = admin.get("/authentication/flows", new TypeReference<>() {
        });
        String flowId = flows.stream().filter(flow -> flowAlias.equals(flow.get("alias")))
                .map(flow -> flow.get("id").toString()).findFirst().orElseThrow();
        admin.call("POST", "/clients", Map.of(
                "clientId", clientId, "secret", secret, "publicClient", false,
                "standardFlowEnabled", true, "redirectUris", List.of(env.portalUrl() + "/*"),
                "authenticationFlowBindingOverrides", Map.of("browser", flowId))).expect(201);
        return env.client(clientId, secret);
    }
}
