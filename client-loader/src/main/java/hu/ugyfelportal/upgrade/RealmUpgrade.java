package hu.ugyfelportal.upgrade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.ugyfelportal.loader.KeycloakAdmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Supplier;

/**
 * Brings a realm on a running Keycloak to the state of the realm file through the Admin REST API, section by
 * section, from whatever the file holds: client scopes, authentication flows with their executions and authenticator
 * configs (Keycloak's partial import does not cover flows), identity providers and their mappers, the user profile,
 * clients, localization texts, and last the realm's own settings (which name the flows). Users, credentials,
 * sessions, federated links and events are never read or written.
 */
final class RealmUpgrade {

    /** Parts of a realm file that are not plain realm settings: they have their own resources, or are never touched. */
    private static final Set<String> NOT_REALM_SETTINGS = Set.of("id", "realm", "users", "federatedUsers", "clients",
            "clientScopes", "components", "authenticationFlows", "authenticatorConfig", "identityProviders",
            "identityProviderMappers", "localizationTexts", "roles", "groups", "defaultRoles", "requiredActions",
            "defaultDefaultClientScopes", "defaultOptionalClientScopes", "scopeMappings", "clientScopeMappings",
            "keycloakVersion");
    private static final String USER_PROFILE_PROVIDER = "org.keycloak.userprofile.UserProfileProvider";
    private static final String USER_PROFILE_CONFIG = "kc.user.profile.config";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakAdmin admin;
    private final FileComparison comparison;
    private final boolean dryRun;
    private final UpgradeReport report = new UpgradeReport();
    /** Authenticator configs by alias: the file's, and the ids of those the server has (shared between flows). */
    private final Map<String, Map<String, Object>> fileConfigs = new HashMap<>();
    private final Map<String, String> serverConfigIds = new HashMap<>();
    private final Set<String> comparedConfigs = new HashSet<>();
    private final Map<String, Map<String, Object>> fileFlows = new LinkedHashMap<>();

    RealmUpgrade(KeycloakAdmin admin, Placeholders placeholders, boolean dryRun) {
        this.admin = admin;
        this.comparison = new FileComparison(placeholders);
        this.dryRun = dryRun;
    }

    UpgradeReport upgrade(Map<String, Object> realmFile) {
        clientScopes(realmFile);
        flows(realmFile);
        identityProviders(realmFile);
        userProfile(realmFile);
        clients(realmFile);
        localizationTexts(realmFile);
        realmSettings(realmFile);
        return report;
    }

    private void clientScopes(Map<String, Object> realmFile) {
        for (Map<String, Object> scope : maps(realmFile.get("clientScopes"))) {
            String name = text(scope.get("name"));
            Optional<Map<String, Object>> server = byField(list("/client-scopes"), "name", name);
            if (server.isEmpty()) {
                change("client scope " + name + ": created", List.of(),
                        () -> admin.call("POST", "/client-scopes", comparison.resolved(scope)));
                continue;
            }
            String path = "/client-scopes/" + text(server.get().get("id"));
            update("client scope " + name, without(scope, "protocolMappers"),
                    without(server.get(), "protocolMappers"), path);
            namedChildren("client scope " + name + ", mapper", scope.get("protocolMappers"),
                    path + "/protocol-mappers/models");
        }
        for (String name : strings(realmFile.get("defaultDefaultClientScopes"))) {
            if (byField(list("/default-default-client-scopes"), "name", name).isEmpty()) {
                change("realm default client scope " + name + ": added", List.of(), () -> admin.call("PUT",
                        "/default-default-client-scopes/" + scopeId(name), null));
            }
        }
    }

    private void flows(Map<String, Object> realmFile) {
        maps(realmFile.get("authenticatorConfig")).forEach(config -> fileConfigs.put(text(config.get("alias")), config));
        maps(realmFile.get("authenticationFlows")).forEach(flow -> fileFlows.put(text(flow.get("alias")), flow));
        for (Map<String, Object> serverFlow : list("/authentication/flows")) {
            for (Map<String, Object> execution : list(executionsPath(text(serverFlow.get("alias"))))) {
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
                change("flow " + alias + ": created", List.of(), () -> admin.call("POST", "/authentication/flows", created));
                if (dryRun) {
                    maps(flow.get("authenticationExecutions")).forEach(execution -> report.add("flow " + alias + ", "
                            + fileKey(execution) + ": added", List.of()));
                    continue;
                }
            }
            executions(alias, flow);
        }
    }

    /** The flow's own executions (not its subflows') as the file orders them: added, removed, requirement, priority, config. */
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
            change("flow " + flowAlias + ", " + serverKey(server) + ": not in the realm file, removed",
                    List.of(), () -> admin.call("DELETE", "/authentication/executions/" + text(server.get("id")), null));
        }
    }

    /** An execution that is on the server: its requirement, place and settings as the file has them; a subflow's content. */
    private void settle(String flowAlias, String where, Map<String, Object> execution, Map<String, Object> server) {
        List<String> differences = new ArrayList<>();
        differences.addAll(comparison.differences("requirement", execution.get("requirement"), server.get("requirement")));
        differences.addAll(comparison.differences("priority", execution.get("priority"), server.get("priority")));
        if (!differences.isEmpty()) {
            Map<String, Object> updated = new LinkedHashMap<>(server);
            updated.put("requirement", execution.get("requirement"));
            updated.put("priority", execution.get("priority"));
            change(where, differences, () -> admin.call("PUT", executionsPath(flowAlias), updated));
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
            change(where + ": added", List.of(), () -> admin.call("POST", executionsPath(flowAlias) + "/flow", created));
            return;
        }
        created.put("parentFlow", dryRun ? null : flowId(flowAlias));
        created.put("authenticator", execution.get("authenticator"));
        created.put("authenticatorFlow", false);
        created.put("requirement", execution.get("requirement"));
        created.put("priority", execution.get("priority"));
        String configAlias = (String) execution.get("authenticatorConfig");
        if (configAlias != null && serverConfigIds.containsKey(configAlias)) {
            created.put("authenticatorConfig", configAlias);
        }
        change(where + ": added", List.of(), () -> admin.call("POST", "/authentication/executions", created));
    }

    /** The execution's settings: a config the file names is created, shared, or brought to the file's values. */
    private void authenticatorConfig(String where, Map<String, Object> execution, Map<String, Object> server) {
        String wanted = (String) execution.get("authenticatorConfig");
        String serverAlias = (String) server.get("alias");
        String serverConfigId = (String) server.get("authenticationConfig");
        String executionId = text(server.get("id"));
        if (wanted == null) {
            if (serverConfigId != null) {
                change(where + ": settings " + serverAlias + " not in the realm file, removed", List.of(),
                        () -> admin.call("DELETE", "/authentication/config/" + serverConfigId, null));
            }
        } else if (wanted.equals(serverAlias) && serverConfigId != null) {
            configValues(wanted, serverConfigId);
        } else if (serverConfigIds.containsKey(wanted)) {
            // Another execution has these settings already: Keycloak binds a shared config only when an execution is added.
            Map<String, Object> readded = new LinkedHashMap<>();
            readded.put("parentFlow", server.get("parentFlow") != null ? server.get("parentFlow") : flowIdOfExecution(executionId));
            readded.put("authenticator", execution.get("authenticator"));
            readded.put("authenticatorFlow", false);
            readded.put("requirement", execution.get("requirement"));
            readded.put("priority", execution.get("priority"));
            readded.put("authenticatorConfig", wanted);
            change(where + ": settings " + wanted + " (shared with another step) bound", List.of(), () -> {
                KeycloakAdmin.Answer removed = admin.call("DELETE", "/authentication/executions/" + executionId, null);
                return removed.isSuccess() ? admin.call("POST", "/authentication/executions", readded) : removed;
            });
            configValues(wanted, serverConfigIds.get(wanted));
        } else {
            Map<String, Object> config = fileConfigs.get(wanted);
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("alias", wanted);
            created.put("config", comparison.resolved(config == null ? Map.of() : config.getOrDefault("config", Map.of())));
            change(where + ": settings " + wanted + " created", List.of(),
                    () -> admin.call("POST", "/authentication/executions/" + executionId + "/config", created));
            serverConfigIds.put(wanted, "");
            comparedConfigs.add(wanted);
        }
    }

    private void configValues(String alias, String configId) {
        if (!comparedConfigs.add(alias) || configId.isEmpty()) {
            return;
        }
        Map<String, Object> file = fileConfigs.getOrDefault(alias, Map.of("config", Map.of()));
        Map<String, Object> server = object("/authentication/config/" + configId).orElse(Map.of());
        List<String> differences = comparison.differences("config", file.get("config"), server.get("config"));
        if (!differences.isEmpty()) {
            Map<String, Object> updated = new LinkedHashMap<>(server);
            updated.put("config", comparison.merged(file.get("config"), server.get("config")));
            change("authenticator settings " + alias, differences,
                    () -> admin.call("PUT", "/authentication/config/" + configId, updated));
        }
    }

    private void identityProviders(Map<String, Object> realmFile) {
        for (Map<String, Object> provider : maps(realmFile.get("identityProviders"))) {
            String alias = text(provider.get("alias"));
            String path = "/identity-provider/instances/" + segment(alias);
            Optional<Map<String, Object>> server = object(path);
            if (server.isEmpty()) {
                change("identity provider " + alias + ": created", List.of(),
                        () -> admin.call("POST", "/identity-provider/instances", comparison.resolved(provider)));
            } else {
                update("identity provider " + alias, provider, server.get(), path);
            }
            List<Map<String, Object>> mappers = maps(realmFile.get("identityProviderMappers")).stream()
                    .filter(mapper -> alias.equals(mapper.get("identityProviderAlias"))).toList();
            namedChildren("identity provider " + alias + ", mapper", mappers, path + "/mappers");
        }
    }

    private void userProfile(Map<String, Object> realmFile) {
        Object components = realmFile.get("components");
        if (!(components instanceof Map<?, ?> byType)) {
            return;
        }
        for (Map<String, Object> component : maps(byType.get(USER_PROFILE_PROVIDER))) {
            if (component.get("config") instanceof Map<?, ?> config
                    && config.get(USER_PROFILE_CONFIG) instanceof List<?> values && !values.isEmpty()) {
                // The file gives the profile whole, and so it is sent: what the server has besides it goes.
                Map<String, Object> profile = parse(text(values.get(0)));
                List<String> differences = comparison.documentDifferences("profile", profile,
                        object("/users/profile").orElse(Map.of()));
                if (!differences.isEmpty()) {
                    change("user profile", differences,
                            () -> admin.call("PUT", "/users/profile", comparison.resolved(profile)));
                }
            }
        }
    }

    private void clients(Map<String, Object> realmFile) {
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            String clientId = text(client.get("clientId"));
            Optional<Map<String, Object>> found = list("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8))
                    .stream().filter(server -> clientId.equals(server.get("clientId"))).findFirst();
            if (found.isEmpty()) {
                change("client " + clientId + ": created", List.of(),
                        () -> admin.call("POST", "/clients", comparison.resolved(client)));
                continue;
            }
            String path = "/clients/" + text(found.get().get("id"));
            Map<String, Object> server = object(path).orElseThrow();
            List<String> ownResources = List.of("protocolMappers", "defaultClientScopes", "optionalClientScopes");
            update("client " + clientId, without(client, ownResources.toArray(String[]::new)),
                    without(server, ownResources.toArray(String[]::new)), path);
            if (client.containsKey("protocolMappers")) {
                namedChildren("client " + clientId + ", mapper", client.get("protocolMappers"),
                        path + "/protocol-mappers/models");
            }
            Map<String, String> realmScopesByKind = Map.of("default", "defaultDefaultClientScopes",
                    "optional", "defaultOptionalClientScopes");
            for (String kind : List.of("default", "optional")) {
                List<Map<String, Object>> current = list(path + "/" + kind + "-client-scopes");
                // A client that names none gets the realm's, as when the file is imported.
                Object wanted = client.getOrDefault(kind + "ClientScopes", realmFile.get(realmScopesByKind.get(kind)));
                for (String scope : strings(wanted)) {
                    if (byField(current, "name", scope).isEmpty()) {
                        change("client " + clientId + ", " + kind + " client scope " + scope + ": added", List.of(),
                                () -> admin.call("PUT", path + "/" + kind + "-client-scopes/" + scopeId(scope), null));
                    }
                }
            }
        }
    }

    private void localizationTexts(Map<String, Object> realmFile) {
        if (!(realmFile.get("localizationTexts") instanceof Map<?, ?> locales)) {
            return;
        }
        locales.forEach((locale, texts) -> {
            Map<String, Object> server = object("/localization/" + segment(text(locale))).orElse(Map.of());
            Map<String, Object> changed = new LinkedHashMap<>();
            List<String> differences = new ArrayList<>();
            ((Map<?, ?>) texts).forEach((key, value) -> {
                List<String> found = comparison.differences(text(key), value, server.get(text(key)));
                if (!found.isEmpty()) {
                    differences.addAll(found);
                    changed.put(text(key), comparison.merged(value, server.get(text(key))));
                }
            });
            if (!changed.isEmpty()) {
                change("localization texts (" + locale + ")", differences, () -> {
                    KeycloakAdmin.Answer last = null;
                    for (Map.Entry<String, Object> entry : changed.entrySet()) {
                        last = admin.putText("/localization/" + segment(text(locale)) + "/" + segment(entry.getKey()),
                                text(entry.getValue()));
                        if (!last.isSuccess()) {
                            return last;
                        }
                    }
                    return last;
                });
            }
        });
    }

    private void realmSettings(Map<String, Object> realmFile) {
        Map<String, Object> settings = new LinkedHashMap<>(realmFile);
        settings.keySet().removeAll(NOT_REALM_SETTINGS);
        Map<String, Object> server = object("").orElseThrow();
        List<String> differences = comparison.differences("realm", settings, server);
        if (differences.isEmpty()) {
            return;
        }
        // Only the settings the file names are sent; Keycloak leaves the ones a partial representation lacks.
        Map<String, Object> updated = new LinkedHashMap<>();
        settings.forEach((key, value) -> updated.put(key, comparison.merged(value, server.get(key))));
        change("realm settings", differences, () -> admin.call("PUT", "", updated));
    }

    /** Named children (protocol or IdP mappers) as in the file: created, brought to the file's values, or removed. */
    private void namedChildren(String what, Object fileChildren, String path) {
        List<Map<String, Object>> server = list(path);
        for (Map<String, Object> child : maps(fileChildren)) {
            String name = text(child.get("name"));
            Optional<Map<String, Object>> existing = byField(server, "name", name);
            if (existing.isEmpty()) {
                change(what + " " + name + ": created", List.of(), () -> admin.call("POST", path, comparison.resolved(child)));
            } else {
                update(what + " " + name, child, existing.get(), path + "/" + text(existing.get().get("id")));
            }
        }
        for (Map<String, Object> extra : server) {
            if (byField(maps(fileChildren), "name", text(extra.get("name"))).isEmpty()) {
                change(what + " " + extra.get("name") + ": not in the realm file, removed", List.of(),
                        () -> admin.call("DELETE", path + "/" + text(extra.get("id")), null));
            }
        }
    }

    private void update(String what, Map<String, Object> file, Map<String, Object> server, String path) {
        List<String> differences = comparison.differences(what.substring(what.lastIndexOf(' ') + 1), file, server);
        if (!differences.isEmpty()) {
            change(what, differences, () -> admin.call("PUT", path, comparison.merged(file, server)));
        }
    }

    private void change(String what, List<String> details, Supplier<KeycloakAdmin.Answer> call) {
        if (dryRun) {
            report.add(what, details);
            return;
        }
        KeycloakAdmin.Answer answer = call.get();
        if (answer.isSuccess()) {
            report.add(what, details);
        } else {
            report.refused(what, details, answer.errorText());
        }
    }

    private List<Map<String, Object>> directExecutions(String flowAlias) {
        return new ArrayList<>(list(executionsPath(flowAlias)).stream()
                .filter(execution -> ((Number) execution.getOrDefault("level", 0)).intValue() == 0).toList());
    }

    private String flowId(String flowAlias) {
        return topLevelFlowId(flowAlias).orElseGet(() -> list("/authentication/flows").stream()
                .flatMap(flow -> list(executionsPath(text(flow.get("alias")))).stream())
                .filter(execution -> Boolean.TRUE.equals(execution.get("authenticationFlow"))
                        && flowAlias.equals(execution.get("displayName")))
                .map(execution -> text(execution.get("flowId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Flow " + flowAlias + " not found on the server")));
    }

    private String flowIdOfExecution(String executionId) {
        return text(object("/authentication/executions/" + executionId).orElseThrow().get("parentFlow"));
    }

    private Optional<String> topLevelFlowId(String alias) {
        return byField(list("/authentication/flows"), "alias", alias).map(flow -> text(flow.get("id")));
    }

    private String scopeId(String name) {
        return byField(list("/client-scopes"), "name", name).map(scope -> text(scope.get("id")))
                .orElse(dryRun ? "(created above)" : name);
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

    private List<Map<String, Object>> list(String path) {
        return admin.getJson(path).map(RealmUpgrade::maps).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> object(String path) {
        return admin.getJson(path).filter(Map.class::isInstance).map(value -> (Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(element -> (Map<String, Object>) element).toList();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Optional<Map<String, Object>> byField(List<Map<String, Object>> elements, String field, String value) {
        return elements.stream().filter(element -> value.equals(element.get(field))).findFirst();
    }

    private static Map<String, Object> without(Map<String, Object> representation, String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>(representation);
        List.of(keys).forEach(copy::remove);
        return copy;
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    /** A path segment: URLEncoder writes spaces as '+', which a path keeps literally. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("The realm file's user profile is not JSON", e);
        }
    }
}
