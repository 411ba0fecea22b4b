package hu.ugyfelportal.upgrade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static hu.ugyfelportal.upgrade.AdminSteps.byField;
import static hu.ugyfelportal.upgrade.AdminSteps.maps;
import static hu.ugyfelportal.upgrade.AdminSteps.segment;
import static hu.ugyfelportal.upgrade.AdminSteps.text;

/**
 * The realm file's authentication flows on the server, which Keycloak's partial import does not cover, three ways
 * against the base file: flows and steps the release added are created (a step bound to its settings, shared between
 * steps as the file shares them), its changes to a step's requirement, place and settings are made, steps it removed
 * go when nobody changed them. What the operator changed stays: a step added to a flow (unless --prune), a step
 * removed, a setting such as the code length. Flows the file does not name are left alone. Every change leaves a
 * working flow: a new step is in place before the one it replaces goes.
 */
final class FlowUpgrade {

    private final AdminSteps steps;
    /** Authenticator configs by alias: the file's, and the ids of those the server has (shared between flows). */
    private final Map<String, Map<String, Object>> fileConfigs = new HashMap<>();
    private final Map<String, Map<String, Object>> baseConfigs = new HashMap<>();
    private final Map<String, String> serverConfigIds = new HashMap<>();
    private final Set<String> comparedConfigs = new HashSet<>();
    private final Map<String, Map<String, Object>> fileFlows = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> baseFlows = new LinkedHashMap<>();

    FlowUpgrade(AdminSteps steps) {
        this.steps = steps;
    }

    void upgrade(Map<String, Object> base, Map<String, Object> realmFile) {
        maps(realmFile.get("authenticatorConfig")).forEach(config -> fileConfigs.put(text(config.get("alias")), config));
        maps(base.get("authenticatorConfig")).forEach(config -> baseConfigs.put(text(config.get("alias")), config));
        maps(realmFile.get("authenticationFlows")).forEach(flow -> fileFlows.put(text(flow.get("alias")), flow));
        maps(base.get("authenticationFlows")).forEach(flow -> baseFlows.put(text(flow.get("alias")), flow));
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
                if (baseFlows.containsKey(alias) && !steps.comparison().mode().forceFileValues()) {
                    steps.report().conflicts("flow " + alias, List.of("deleted on this realm; not created again"
                            + " (--force-file-values creates it)"));
                    continue;
                }
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
        List<Map<String, Object>> baseExecutions = maps(baseFlows.getOrDefault(flowAlias, Map.of())
                .get("authenticationExecutions"));
        List<Map<String, Object>> wanted = new ArrayList<>(maps(flow.get("authenticationExecutions")));
        wanted.sort(Comparator.comparingInt(execution -> ((Number) execution.getOrDefault("priority", 0)).intValue()));
        for (Map<String, Object> execution : wanted) {
            String key = fileKey(execution);
            String where = "flow " + flowAlias + ", " + key;
            Optional<Map<String, Object>> old = baseExecutions.stream()
                    .filter(candidate -> fileKey(candidate).equals(key)).findFirst();
            Optional<Map<String, Object>> match = unmatched.stream().filter(server -> serverKey(server).equals(key))
                    .findFirst();
            if (match.isPresent()) {
                unmatched.remove(match.get());
            } else if (old.isPresent() && !steps.comparison().mode().forceFileValues()) {
                if (!old.get().equals(execution)) {
                    steps.report().conflicts(where, List.of("removed on this realm, changed in the realm file; not"
                            + " added again (--force-file-values adds it)"));
                }
                continue;
            } else {
                addExecution(flowAlias, execution, where);
                match = directExecutions(flowAlias).stream()
                        .filter(server -> serverKey(server).equals(key) && known.add(server.get("id"))).findFirst();
            }
            match.ifPresent(server -> settle(flowAlias, where, execution, old.orElse(null), server));
        }
        // Last, so that a step the release replaced goes only once its successor is in place.
        for (Map<String, Object> server : unmatched) {
            String where = "flow " + flowAlias + ", " + serverKey(server);
            Optional<Map<String, Object>> old = baseExecutions.stream()
                    .filter(candidate -> fileKey(candidate).equals(serverKey(server))).findFirst();
            boolean releaseRemoved = old.isPresent()
                    && text(old.get().get("requirement")).equals(text(server.get("requirement")));
            if (releaseRemoved || steps.comparison().mode().prune()) {
                steps.change(where + ": removed (" + (releaseRemoved ? "no longer in the realm file"
                        : "not in the realm file, --prune") + ")", List.of(),
                        () -> steps.call("DELETE", "/authentication/executions/" + text(server.get("id")), null));
            } else if (old.isPresent()) {
                steps.report().conflicts(where, List.of("no longer in the realm file, but its requirement was changed"
                        + " on this realm; kept (--prune removes it)"));
            }
        }
    }

    /** An execution on the server: requirement, place and settings three ways; a subflow's content first. */
    private void settle(String flowAlias, String where, Map<String, Object> execution, Map<String, Object> old,
                        Map<String, Object> server) {
        if (Boolean.TRUE.equals(execution.get("authenticatorFlow"))) {
            String subflowAlias = text(execution.get("flowAlias"));
            executions(subflowAlias, fileFlows.getOrDefault(subflowAlias, Map.of()));
        } else if (authenticatorConfig(where, execution, old, server)) {
            return;
        }
        List<String> changes = new ArrayList<>();
        Map<String, Object> updated = new LinkedHashMap<>(server);
        for (String field : List.of("requirement", "priority")) {
            FileComparison.Outcome outcome = steps.comparison().compare(field, old == null ? null : old.get(field),
                    execution.get(field), server.get(field));
            steps.report().conflicts(where, outcome.conflicts());
            changes.addAll(outcome.changes());
            updated.put(field, outcome.merged());
        }
        if (!changes.isEmpty()) {
            steps.change(where, changes, () -> steps.call("PUT", executionsPath(flowAlias), updated));
        }
    }

    /** Adds a step (bound to its settings when another step shares them already) or a subflow. */
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
        steps.change(where + ": added", List.of(), () -> steps.call("POST", "/authentication/executions",
                newStep(flowId(flowAlias), execution, (String) execution.get("authenticatorConfig"))));
    }

    private Map<String, Object> newStep(String parentFlowId, Map<String, Object> execution, String configAlias) {
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("parentFlow", parentFlowId);
        created.put("authenticator", execution.get("authenticator"));
        created.put("authenticatorFlow", false);
        created.put("requirement", execution.get("requirement"));
        created.put("priority", execution.get("priority"));
        if (configAlias != null && serverConfigIds.containsKey(configAlias)) {
            created.put("authenticatorConfig", configAlias);
        }
        return created;
    }

    /**
     * The execution's settings: a config the release names is created, shared, or brought to the file's values three
     * ways; one the operator bound or removed stays so. True when the step was replaced by one bound to shared
     * settings (which was added as the file has it).
     */
    private boolean authenticatorConfig(String where, Map<String, Object> execution, Map<String, Object> old,
                                     Map<String, Object> server) {
        String wanted = (String) execution.get("authenticatorConfig");
        String before = old == null ? null : (String) old.get("authenticatorConfig");
        String serverAlias = (String) server.get("alias");
        String serverConfigId = (String) server.get("authenticationConfig");
        String executionId = text(server.get("id"));
        boolean releaseChangedBinding = old == null || !Objects.equals(before, wanted);
        if (wanted != null && wanted.equals(serverAlias) && serverConfigId != null) {
            configValues(wanted, serverConfigId);
        } else if (!releaseChangedBinding && !steps.comparison().mode().forceFileValues()) {
            return false;
        } else if (wanted == null) {
            if (serverConfigId != null && steps.comparison().mode().prune()) {
                steps.change(where + ": settings " + serverAlias + " removed (not in the realm file, --prune)",
                        List.of(), () -> steps.call("DELETE", "/authentication/config/" + serverConfigId, null));
            }
        } else if (serverConfigIds.containsKey(wanted)) {
            // Another step has these settings already: Keycloak binds a shared config only to a step being added.
            // The new step goes in first and the old one out after it, so the flow never lacks the step.
            steps.change(where + ": added again with the settings " + wanted + " (shared with another step)", List.of(),
                    () -> steps.call("POST", "/authentication/executions",
                            newStep(flowIdOfExecution(executionId), execution, wanted)));
            steps.change(where + ": the same step without those settings removed", List.of(),
                    () -> steps.call("DELETE", "/authentication/executions/" + executionId, null));
            configValues(wanted, serverConfigIds.get(wanted));
            return true;
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
        return false;
    }

    private void configValues(String alias, String configId) {
        if (!comparedConfigs.add(alias) || configId.isEmpty()) {
            return;
        }
        Map<String, Object> file = fileConfigs.getOrDefault(alias, Map.of("config", Map.of()));
        Object base = baseConfigs.containsKey(alias) ? baseConfigs.get(alias).get("config") : null;
        Map<String, Object> server = steps.object("/authentication/config/" + configId).orElse(Map.of());
        FileComparison.Outcome outcome = steps.comparison().compare("config", base, file.get("config"),
                server.get("config"));
        steps.report().conflicts("authenticator settings " + alias, outcome.conflicts());
        if (outcome.changed()) {
            Map<String, Object> updated = new LinkedHashMap<>(server);
            updated.put("config", outcome.merged());
            steps.change("authenticator settings " + alias, outcome.changes(),
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
