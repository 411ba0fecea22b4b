package hu.ugyfelportal.upgrade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hu.ugyfelportal.loader.KeycloakAdmin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static hu.ugyfelportal.upgrade.AdminSteps.byField;
import static hu.ugyfelportal.upgrade.AdminSteps.maps;
import static hu.ugyfelportal.upgrade.AdminSteps.segment;
import static hu.ugyfelportal.upgrade.AdminSteps.strings;
import static hu.ugyfelportal.upgrade.AdminSteps.text;
import static hu.ugyfelportal.upgrade.AdminSteps.without;

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
    /** Realm attributes Keycloak reads while importing a realm and does not keep. */
    private static final Set<String> IMPORT_ONLY_ATTRIBUTES = Set.of("CreateDefaultClientScopes");
    private static final String USER_PROFILE_PROVIDER = "org.keycloak.userprofile.UserProfileProvider";
    private static final String USER_PROFILE_CONFIG = "kc.user.profile.config";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminSteps steps;

    RealmUpgrade(KeycloakAdmin admin, Placeholders placeholders, boolean dryRun) {
        this.steps = new AdminSteps(admin, new FileComparison(placeholders), dryRun);
    }

    UpgradeReport upgrade(Map<String, Object> realmFile) {
        clientScopes(realmFile);
        new FlowUpgrade(steps).upgrade(realmFile);
        identityProviders(realmFile);
        userProfile(realmFile);
        clients(realmFile);
        localizationTexts(realmFile);
        realmSettings(realmFile);
        return steps.report();
    }

    private void clientScopes(Map<String, Object> realmFile) {
        for (Map<String, Object> scope : maps(realmFile.get("clientScopes"))) {
            String name = text(scope.get("name"));
            Optional<Map<String, Object>> server = byField(steps.list("/client-scopes"), "name", name);
            if (server.isEmpty()) {
                steps.change("client scope " + name + ": created", List.of(),
                        () -> steps.call("POST", "/client-scopes", steps.comparison().resolved(scope)));
                continue;
            }
            String path = "/client-scopes/" + text(server.get().get("id"));
            steps.update("client scope " + name, without(scope, "protocolMappers"),
                    without(server.get(), "protocolMappers"), path);
            namedChildren("client scope " + name + ", mapper", scope.get("protocolMappers"),
                    path + "/protocol-mappers/models");
        }
        for (String name : strings(realmFile.get("defaultDefaultClientScopes"))) {
            if (byField(steps.list("/default-default-client-scopes"), "name", name).isEmpty()) {
                steps.change("realm default client scope " + name + ": added", List.of(), () -> steps.call("PUT",
                        "/default-default-client-scopes/" + scopeId(name), null));
            }
        }
    }

    private void identityProviders(Map<String, Object> realmFile) {
        for (Map<String, Object> provider : maps(realmFile.get("identityProviders"))) {
            String alias = text(provider.get("alias"));
            String path = "/identity-provider/instances/" + segment(alias);
            Optional<Map<String, Object>> server = steps.object(path);
            if (server.isEmpty()) {
                steps.change("identity provider " + alias + ": created", List.of(),
                        () -> steps.call("POST", "/identity-provider/instances", steps.comparison().resolved(provider)));
            } else {
                steps.update("identity provider " + alias, provider, server.get(), path);
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
                List<String> differences = steps.comparison().documentDifferences("profile", profile,
                        steps.object("/users/profile").orElse(Map.of()));
                if (!differences.isEmpty()) {
                    steps.change("user profile", differences,
                            () -> steps.call("PUT", "/users/profile", steps.comparison().resolved(profile)));
                }
            }
        }
    }

    private void clients(Map<String, Object> realmFile) {
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            String clientId = text(client.get("clientId"));
            String query = "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
            Optional<Map<String, Object>> found = steps.list(query)
                    .stream().filter(server -> clientId.equals(server.get("clientId"))).findFirst();
            if (found.isEmpty()) {
                steps.change("client " + clientId + ": created", List.of(),
                        () -> steps.call("POST", "/clients", steps.comparison().resolved(client)));
                continue;
            }
            String path = "/clients/" + text(found.get().get("id"));
            Map<String, Object> server = steps.object(path).orElseThrow();
            List<String> ownResources = List.of("protocolMappers", "defaultClientScopes", "optionalClientScopes");
            steps.update("client " + clientId, without(client, ownResources.toArray(String[]::new)),
                    without(server, ownResources.toArray(String[]::new)), path);
            if (client.containsKey("protocolMappers")) {
                namedChildren("client " + clientId + ", mapper", client.get("protocolMappers"),
                        path + "/protocol-mappers/models");
            }
            Map<String, String> realmScopesByKind = Map.of("default", "defaultDefaultClientScopes",
                    "optional", "defaultOptionalClientScopes");
            for (String kind : List.of("default", "optional")) {
                List<Map<String, Object>> current = steps.list(path + "/" + kind + "-client-scopes");
                // A client that names none gets the realm's, as when the file is imported.
                Object wanted = client.getOrDefault(kind + "ClientScopes", realmFile.get(realmScopesByKind.get(kind)));
                for (String scope : strings(wanted)) {
                    if (byField(current, "name", scope).isEmpty()) {
                        steps.change("client " + clientId + ", " + kind + " client scope " + scope + ": added", List.of(),
                                () -> steps.call("PUT", path + "/" + kind + "-client-scopes/" + scopeId(scope), null));
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
            Map<String, Object> server = steps.object("/localization/" + segment(text(locale))).orElse(Map.of());
            Map<String, Object> changed = new LinkedHashMap<>();
            List<String> differences = new ArrayList<>();
            ((Map<?, ?>) texts).forEach((key, value) -> {
                List<String> found = steps.comparison().differences(text(key), value, server.get(text(key)));
                if (!found.isEmpty()) {
                    differences.addAll(found);
                    changed.put(text(key), steps.comparison().merged(value, server.get(text(key))));
                }
            });
            if (!changed.isEmpty()) {
                steps.change("localization texts (" + locale + ")", differences, () -> {
                    KeycloakAdmin.Answer last = null;
                    for (Map.Entry<String, Object> entry : changed.entrySet()) {
                        last = steps.putText("/localization/" + segment(text(locale)) + "/" + segment(entry.getKey()),
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
        if (settings.get("attributes") instanceof Map<?, ?> attributes) {
            Map<Object, Object> stored = new LinkedHashMap<>(attributes);
            stored.keySet().removeAll(IMPORT_ONLY_ATTRIBUTES);
            settings.put("attributes", stored);
        }
        Map<String, Object> server = steps.object("").orElseThrow();
        List<String> differences = steps.comparison().differences("realm", settings, server);
        if (differences.isEmpty()) {
            return;
        }
        // Only the settings the file names are sent; Keycloak leaves the ones a partial representation lacks.
        Map<String, Object> updated = new LinkedHashMap<>();
        settings.forEach((key, value) -> updated.put(key, steps.comparison().merged(value, server.get(key))));
        steps.change("realm settings", differences, () -> steps.call("PUT", "", updated));
    }

    /** Named children (protocol or IdP mappers) as in the file: created, brought to the file's values, or removed. */
    private void namedChildren(String what, Object fileChildren, String path) {
        List<Map<String, Object>> server = steps.list(path);
        for (Map<String, Object> child : maps(fileChildren)) {
            String name = text(child.get("name"));
            Optional<Map<String, Object>> existing = byField(server, "name", name);
            if (existing.isEmpty()) {
                steps.change(what + " " + name + ": created", List.of(),
                        () -> steps.call("POST", path, steps.comparison().resolved(child)));
            } else {
                steps.update(what + " " + name, child, existing.get(), path + "/" + text(existing.get().get("id")));
            }
        }
        for (Map<String, Object> extra : server) {
            if (byField(maps(fileChildren), "name", text(extra.get("name"))).isEmpty()) {
                steps.change(what + " " + extra.get("name") + ": not in the realm file, removed", List.of(),
                        () -> steps.call("DELETE", path + "/" + text(extra.get("id")), null));
            }
        }
    }

    private String scopeId(String name) {
        return byField(steps.list("/client-scopes"), "name", name).map(scope -> text(scope.get("id")))
                .orElse(steps.dryRun() ? "(created above)" : name);
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
