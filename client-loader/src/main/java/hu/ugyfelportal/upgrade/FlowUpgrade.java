package hu.ugyfelportal.upgrade;

import hu.ugyfelportal.loader.KeycloakAdmin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static hu.ugyfelportal.upgrade.AdminSteps.byField;
import static hu.ugyfelportal.upgrade.AdminSteps.maps;
import static hu.ugyfelportal.upgrade.AdminSteps.segment;
import static hu.ugyfelportal.upgrade.AdminSteps.text;

/**
 * The realm file's authentication flows on the server, which Keycloak's partial import does not cover: missing
 * flows and subflows created; in each flow of the file, steps added or removed, each step's requirement and priority
 * set, and its settings (authenticator configs, shared between steps as the file shares them) created or set.
 * Flows the file does not name are left alone.
 */
final class FlowUpgrade {

    private final AdminSteps steps;
    /** Authenticator configs by alias: the file's, and the ids of those the server has (shared between flows). */
    private final Map<String, Map<String, Object>> fileConfigs = new HashMap<>();
    private final Map<String, String> serverConfigIds = new HashMap<>();
    private final Set<String> comparedConfigs = new HashSet<>();
    private final Map<String, Map<String, Object>> fileFlows = new LinkedHashMap<>();

    FlowUpgrade(AdminSteps steps) {
        this.steps = steps;
    }

    void upgrade(Map<String, Object> realmFile) {
        maps(realmFile.get("authenticatorConfig")).forEach(config -> fileConfigs.put(text(config.get("alias")), config));
        maps(realmFile.get("authenticationFlows")).forEach(flow -> fileFlows.put(text(flow.get("alias")), flow));
        for (Map<String, Object> serverFlow : steps.list("/authentication/flows")) {
            for (Map<String, Object> execution : steps.list(executionsPath(text(serverFlow.get("alias"))))) {
                if (execution.get("authenticationConfig") != null) {
                    serverConfigIds.put(text(execution.get("alias")), text(execution.get("authenticationConfig")));
                }
            }
        }
        for (Map<String, Object> flow : fileFlows.values()) {
            if (!Boolean.TRUE.equals(flow.get("topLevel"))) {
                continue;
            }
            String alias = text(flow.get("alias"));
            if (topLevelFlowId(alias).isEmpty()) {
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("alias", alias);
                created.put("description", flow.getOrDefault("description", ""));
                created.put("providerId", flow.getOrDefault("providerId", "basic-flow"));
                created.put("topLevel", true);
                created.put("builtIn", false);
                steps.change("flow " + alias + ": created", List.of(),
                        () -> steps.call("POST", "/authentication/flows", created));
                if (steps.dryRun()) {
                    maps(flow.get("authenticationExecutions")).forEach(execution -> steps.report()
                            .add("flow " + alias + ", " + fileKey(execution) + ": added", List.of()));
                    continue;
                }
            }
            executions(alias, flow);
        }
    }

    /** The flow's own executions (not its subflows') as the file orders them: added, removed, set in place. */
    private void executions(String flowAlias, Map<String, Object> flow) {
        List<Map<String, Object>> unmatched = directExecutions(flowAlias);
        Set<Object> known = new HashSet<>(unmatched.stream().map(server -> server.get("id")).toList());
        List<Map<String, Object>> wanted = new ArrayList<>(maps(flow.get("authenticationExecutions")));
        wanted.sort(Comparator.comparingInt(execution -> ((Number) execution.getOrDefault("priority", 0)).intValue()));
        for (Map<String, Object> execution : wanted) {
            String key = fileKey(execution);
            String where = "flow " + flowAlias + ", " + key;
            Optional<Map<String, Object>> match = unmatched.stream().filter(server -> serverKey(server).equals(key))
                    .findFirst();
            if (match.isPresent()) {
                unmatched.remove(match.get());
            } else {
                addExecution(flowAlias, execution, where);
                match = directExecutions(flowAlias).stream()
                        .filter(server -> serverKey(server).equals(key) && known.add(server.get("id"))).findFirst();
            }
            match.ifPresent(server -> settle(flowAlias, where, execution, server));
        }
        for (Map<String, Object> server : unmatched) {
            steps.change("flow " + flowAlias + ", " + serverKey(server) + ": not in the realm file, removed",
                    List.of(), () -> steps.call("DELETE", "/authentication/executions/" + text(server.get("id")), null));
        }
    }

    /** An execution on the server: requirement, place and settings as the file has them; a subflow's content. */
    private void settle(String flowAlias, String where, Map<String, Object> execution, Map<String, Object> server) {
        List<String> differences = new ArrayList<>();
        for (String field : List.of("requirement", "priority")) {
            differences.addAll(steps.comparison().differences(field, execution.get(field), server.get(field)));
        }
        if (!differences.isEmpty()) {
            Map<String, Object> updated = new LinkedHashMap<>(server);
            updated.put("requirement", execution.get("requirement"));
            updated.put("priority", execution.get("priority"));
            steps.change(where, differences, () -> steps.call("PUT", executionsPath(flowAlias), updated));
        }
        if (Boolean.TRUE.equals(execution.get("authenticatorFlow"))) {
            String subflowAlias = text(execution.get("flowAlias"));
            executions(subflowAlias, fileFlows.getOrDefault(subflowAlias, Map.of()));
        } else {
            authenticatorConfig(where, execution, server);
        }
    }

    /** Adds a step (bound to its settings when another step shares them already) or an empty subflow. */
    private void addExecution(String flowAlias, Map<String, Object> execution, String where) {
        Map<String, Object> created = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(execution.get("authenticatorFlow"))) {
            Map<String, Object> subflow = fileFlows.getOrDefault(text(execution.get("flowAlias")), Map.of());
            created.put("alias", execution.get("flowAlias"));
            created.put("type", subflow.getOrDefault("providerId", "basic-flow"));
            created.put("description", subflow.getOrDefault("description", ""));
            created.put("priority", execution.get("priority"));
            if (execution.get("authenticator") != null) {
                created.put("provider", execution.get("authenticator"));
            }
            steps.change(where + ": added", List.of(),
                    () -> steps.call("POST", executionsPath(flowAlias) + "/flow", created));
            return;
        }
        created.put("parentFlow", steps.dryRun() ? null : flowId(flowAlias));
        created.put("authenticator", execution.get("authenticator"));
        created.put("authenticatorFlow", false);
        created.put("requirement", execution.get("requirement"));
        created.put("priority", execution.get("priority"));
        String configAlias = (String) execution.get("authenticatorConfig");
        if (configAlias != null && serverConfigIds.containsKey(configAlias)) {
            created.put("authenticatorConfig", configAlias);
        }
        steps.change(where + ": added", List.of(), () -> steps.call("POST", "/authentication/executions", created));
    }

    /** The execution's settings: a config the file names is created, shared, or brought to the file's values. */
    private void authenticatorConfig(String where, Map<String, Object> execution, Map<String, Object> server) {
        String wanted = (String) execution.get("authenticatorConfig");
        String serverAlias = (String) server.get("alias");
        String serverConfigId = (String) server.get("authenticationConfig");
        String executionId = text(server.get("id"));
        if (wanted == null) {
            if (serverConfigId != null) {
                steps.change(where + ": settings " + serverAlias + " not in the realm file, removed", List.of(),
                        () -> steps.call("DELETE", "/authentication/config/" + serverConfigId, null));
            }
        } else if (wanted.equals(serverAlias) && serverConfigId != null) {
            configValues(wanted, serverConfigId);
        } else if (serverConfigIds.containsKey(wanted)) {
            // Another step has these settings already: Keycloak binds a shared config only to a step being added.
            Map<String, Object> readded = new LinkedHashMap<>();
            readded.put("parentFlow", flowIdOfExecution(executionId));
            readded.put("authenticator", execution.get("authenticator"));
            readded.put("authenticatorFlow", false);
            readded.put("requirement", execution.get("requirement"));
            readded.put("priority", execution.get("priority"));
            readded.put("authenticatorConfig", wanted);
            steps.change(where + ": settings " + wanted + " (shared with another step) bound", List.of(), () -> {
                KeycloakAdmin.Answer removed = steps.call("DELETE", "/authentication/executions/" + executionId, null);
                return removed.isSuccess() ? steps.call("POST", "/authentication/executions", readded) : removed;
            });
            configValues(wanted, serverConfigIds.get(wanted));
        } else {
            Map<String, Object> config = fileConfigs.get(wanted);
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("alias", wanted);
            Object values = config == null ? Map.of() : config.getOrDefault("config", Map.of());
            created.put("config", steps.comparison().resolved(values));
            steps.change(where + ": settings " + wanted + " created", List.of(),
                    () -> steps.call("POST", "/authentication/executions/" + executionId + "/config", created));
            serverConfigIds.put(wanted, "");
            comparedConfigs.add(wanted);
        }
    }

    private void configValues(String alias, String configId) {
        if (!comparedConfigs.add(alias) || configId.isEmpty()) {
            return;
        }
        Map<String, Object> file = fileConfigs.getOrDefault(alias, Map.of("config", Map.of()));
        Map<String, Object> server = steps.object("/authentication/config/" + configId).orElse(Map.of());
        List<String> differences = steps.comparison().differences("config", file.get("config"), server.get("config"));
        if (!differences.isEmpty()) {
            Map<String, Object> updated = new LinkedHashMap<>(server);
            updated.put("config", steps.comparison().merged(file.get("config"), server.get("config")));
            steps.change("authenticator settings " + alias, differences,
                    () -> steps.call("PUT", "/authentication/config/" + configId, updated));
        }
    }

    private List<Map<String, Object>> directExecutions(String flowAlias) {
        return new ArrayList<>(steps.list(executionsPath(flowAlias)).stream()
                .filter(execution -> ((Number) execution.getOrDefault("level", 0)).intValue() == 0).toList());
    }

    private String flowId(String flowAlias) {
        return topLevelFlowId(flowAlias).orElseGet(() -> steps.list("/authentication/flows").stream()
                .flatMap(flow -> steps.list(executionsPath(text(flow.get("alias")))).stream())
                .filter(execution -> Boolean.TRUE.equals(execution.get("authenticationFlow"))
                        && flowAlias.equals(execution.get("displayName")))
                .map(execution -> text(execution.get("flowId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Flow " + flowAlias + " not found on the server")));
    }

    private String flowIdOfExecution(String executionId) {
        return text(steps.object("/authentication/executions/" + executionId).orElseThrow().get("parentFlow"));
    }

    private Optional<String> topLevelFlowId(String alias) {
        return byField(steps.list("/authentication/flows"), "alias", alias).map(flow -> text(flow.get("id")));
    }

    private static String executionsPath(String flowAlias) {
        return "/authentication/flows/" + segment(flowAlias) + "/executions";
    }

    /** A step by its authenticator, a subflow by its alias: what the file and the server can both be matched on. */
    private static String fileKey(Map<String, Object> execution) {
        return Boolean.TRUE.equals(execution.get("authenticatorFlow")) ? "subflow " + execution.get("flowAlias")
                : "step " + execution.get("authenticator");
    }

    private static String serverKey(Map<String, Object> execution) {
        return Boolean.TRUE.equals(execution.get("authenticationFlow")) ? "subflow " + execution.get("displayName")
                : "step " + execution.get("providerId");
    }
}
