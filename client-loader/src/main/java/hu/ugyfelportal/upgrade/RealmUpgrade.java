package hu.ugyfelportal.upgrade;

import hu.ugyfelportal.loader.KeycloakAdmin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static hu.ugyfelportal.upgrade.AdminSteps.byField;
import static hu.ugyfelportal.upgrade.AdminSteps.maps;
import static hu.ugyfelportal.upgrade.AdminSteps.segment;
import static hu.ugyfelportal.upgrade.AdminSteps.strings;
import static hu.ugyfelportal.upgrade.AdminSteps.text;
import static hu.ugyfelportal.upgrade.AdminSteps.without;

/**
 * Brings a realm on a running Keycloak to a new realm file through the Admin REST API, three ways (see
 * {@link FileComparison}): what the release changed since the file the realm was last brought to
 * ({@link RealmFileHistory}) is made, what the operator changed or added stays, conflicts are reported. Section by
 * section, from whatever the file holds: client scopes, authentication flows with their executions and authenticator
 * configs (Keycloak's partial import does not cover flows), identity providers and their mappers, the user profile,
 * clients, localization texts, and last the realm's own settings (which name the flows). Users, credentials,
 * sessions, federated links, roles, groups and events are never read or written.
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

    private final AdminSteps steps;

    RealmUpgrade(KeycloakAdmin admin, Placeholders placeholders, FileComparison.Mode mode, boolean dryRun) {
        this(new AdminSteps(admin, new FileComparison(placeholders, mode), dryRun));
    }

    private RealmUpgrade(AdminSteps steps) {
        this.steps = steps;
    }

    /**
     * The whole upgrade, section by section; new things are created before the realm's settings bind them, so a stop
     * at a refused change leaves a working realm. The realm remembers the file only when every change was made.
     */
    UpgradeReport upgrade(Map<String, Object> realmFile, String realmFileText) {
        Map<String, Object> server = steps.object("").orElseThrow();
        Map<?, ?> attributes = server.get("attributes") instanceof Map<?, ?> map ? map : Map.of();
        RealmFileHistory.Base base = RealmFileHistory.recorded(attributes, realmFile).orElseGet(() -> {
            Map<String, Integer> differences = new LinkedHashMap<>();
            RealmFileHistory.SHIPPED_VERSIONS.forEach(version -> differences.put(version,
                    differencesFrom(RealmFileHistory.shipped(version))));
            return RealmFileHistory.closest(attributes, differences);
        });
        steps.report().base(base.sentence());
        try {
            sections(base.file(), realmFile);
            remember(realmFile, realmFileText);
        } catch (AdminSteps.Stopped stopped) {
            // The report holds the refused change; nothing after it was tried.
        }
        new Secrets(steps).brokenOnServer(realmFile).forEach(steps.report()::problem);
        return steps.report();
    }

    private void sections(Map<String, Object> base, Map<String, Object> realmFile) {
        clientScopes(base, realmFile);
        new FlowUpgrade(steps).upgrade(base, realmFile);
        identityProviders(base, realmFile);
        userProfile(base, realmFile);
        clients(base, realmFile);
        localizationTexts(base, realmFile);
        realmSettings(base, realmFile);
    }

    /** How many values of the server differ from a realm file: a dry run that would force the file's values. */
    private int differencesFrom(Map<String, Object> realmFile) {
        RealmUpgrade measure = new RealmUpgrade(steps.withMode(new FileComparison.Mode(true, false)));
        measure.sections(realmFile, realmFile);
        return measure.steps.report().changes().stream().mapToInt(change -> Math.max(1, change.details().size()))
                .sum();
    }

    private void clientScopes(Map<String, Object> base, Map<String, Object> realmFile) {
        for (Map<String, Object> scope : maps(realmFile.get("clientScopes"))) {
            String name = text(scope.get("name"));
            Optional<Map<String, Object>> server = byField(steps.list("/client-scopes"), "name", name);
            Optional<Map<String, Object>> old = byField(maps(base.get("clientScopes")), "name", name);
            if (server.isEmpty()) {
                if (createsMissing("client scope " + name, old, scope)) {
                    steps.change("client scope " + name + ": created", List.of(),
                            () -> steps.call("POST", "/client-scopes", steps.comparison().resolved(scope)));
                }
                continue;
            }
            String path = "/client-scopes/" + text(server.get().get("id"));
            steps.update("client scope " + name, old.map(found -> without(found, "protocolMappers")).orElse(null),
                    without(scope, "protocolMappers"), without(server.get(), "protocolMappers"), path);
            namedChildren("client scope " + name + ", mapper", old.map(found -> found.get("protocolMappers"))
                    .orElse(null), scope.get("protocolMappers"), path + "/protocol-mappers/models");
        }
        for (String name : addedNames(base.get("defaultDefaultClientScopes"), realmFile.get("defaultDefaultClientScopes"))) {
            if (byField(steps.list("/default-default-client-scopes"), "name", name).isEmpty()) {
                steps.change("realm default client scope " + name + ": added", List.of(), () -> steps.call("PUT",
                        "/default-default-client-scopes/" + scopeId(name), null));
            }
        }
    }

    private void identityProviders(Map<String, Object> base, Map<String, Object> realmFile) {
        for (Map<String, Object> provider : maps(realmFile.get("identityProviders"))) {
            String alias = text(provider.get("alias"));
            String path = "/identity-provider/instances/" + segment(alias);
            Optional<Map<String, Object>> server = steps.object(path);
            Optional<Map<String, Object>> old = byField(maps(base.get("identityProviders")), "alias", alias);
            if (server.isEmpty()) {
                if (!createsMissing("identity provider " + alias, old, provider)) {
                    continue;
                }
                steps.change("identity provider " + alias + ": created", List.of(),
                        () -> steps.call("POST", "/identity-provider/instances", steps.comparison().resolved(provider)));
            } else {
                steps.update("identity provider " + alias, old.orElse(null), provider, server.get(), path);
            }
            namedChildren("identity provider " + alias + ", mapper", mappersOf(base, alias), mappersOf(realmFile, alias),
                    path + "/mappers");
        }
    }

    private static List<Map<String, Object>> mappersOf(Map<String, Object> realmFile, String alias) {
        return maps(realmFile.get("identityProviderMappers")).stream()
                .filter(mapper -> alias.equals(mapper.get("identityProviderAlias"))).toList();
    }

    /** The user profile, merged attribute by attribute: the operator's own attributes and settings stay. */
    private void userProfile(Map<String, Object> base, Map<String, Object> realmFile) {
        Optional<Map<String, Object>> profile = profileOf(realmFile);
        if (profile.isEmpty()) {
            return;
        }
        FileComparison.Outcome outcome = steps.comparison().compare("profile", profileOf(base).orElse(null),
                profile.get(), steps.object("/users/profile").orElse(Map.of()));
        steps.report().conflicts("user profile", outcome.conflicts());
        if (outcome.changed()) {
            steps.change("user profile", outcome.changes(), () -> steps.call("PUT", "/users/profile", outcome.merged()));
        }
    }

    private static Optional<Map<String, Object>> profileOf(Map<String, Object> realmFile) {
        if (!(realmFile.get("components") instanceof Map<?, ?> byType)) {
            return Optional.empty();
        }
        return maps(byType.get(USER_PROFILE_PROVIDER)).stream()
                .map(component -> component.get("config") instanceof Map<?, ?> config
                        && config.get(USER_PROFILE_CONFIG) instanceof List<?> values && !values.isEmpty()
                        ? RealmFileHistory.parse(text(values.get(0))) : null)
                .filter(Objects::nonNull).findFirst();
    }

    private void clients(Map<String, Object> base, Map<String, Object> realmFile) {
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            String clientId = text(client.get("clientId"));
            String query = "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
            Optional<Map<String, Object>> found = steps.list(query)
                    .stream().filter(server -> clientId.equals(server.get("clientId"))).findFirst();
            Optional<Map<String, Object>> old = byField(maps(base.get("clients")), "clientId", clientId);
            if (found.isEmpty()) {
                if (createsMissing("client " + clientId, old, client)) {
                    steps.change("client " + clientId + ": created", List.of(),
                            () -> steps.call("POST", "/clients", steps.comparison().resolved(client)));
                }
                continue;
            }
            String path = "/clients/" + text(found.get().get("id"));
            Map<String, Object> server = steps.object(path).orElseThrow();
            String[] ownResources = {"protocolMappers", "defaultClientScopes", "optionalClientScopes"};
            steps.update("client " + clientId, old.map(value -> without(value, ownResources)).orElse(null),
                    without(client, ownResources), without(server, ownResources), path);
            if (client.containsKey("protocolMappers")) {
                namedChildren("client " + clientId + ", mapper", old.map(value -> value.get("protocolMappers"))
                        .orElse(null), client.get("protocolMappers"), path + "/protocol-mappers/models");
            }
            Map<String, String> realmScopesByKind = Map.of("default", "defaultDefaultClientScopes",
                    "optional", "defaultOptionalClientScopes");
            for (String kind : List.of("default", "optional")) {
                List<Map<String, Object>> current = steps.list(path + "/" + kind + "-client-scopes");
                // A client that names none gets the realm's, as when the file is imported.
                Object wanted = client.getOrDefault(kind + "ClientScopes", realmFile.get(realmScopesByKind.get(kind)));
                Object before = old.map(value -> value.getOrDefault(kind + "ClientScopes",
                        base.get(realmScopesByKind.get(kind)))).orElse(null);
                for (String scope : addedNames(before, wanted)) {
                    if (byField(current, "name", scope).isEmpty()) {
                        steps.change("client " + clientId + ", " + kind + " client scope " + scope + ": added", List.of(),
                                () -> steps.call("PUT", path + "/" + kind + "-client-scopes/" + scopeId(scope), null));
                    }
                }
            }
        }
    }

    private void localizationTexts(Map<String, Object> base, Map<String, Object> realmFile) {
        if (!(realmFile.get("localizationTexts") instanceof Map<?, ?> locales)) {
            return;
        }
        Map<?, ?> baseLocales = base.get("localizationTexts") instanceof Map<?, ?> map ? map : Map.of();
        locales.forEach((locale, texts) -> {
            Map<String, Object> server = steps.object("/localization/" + segment(text(locale))).orElse(Map.of());
            Map<?, ?> baseTexts = baseLocales.get(locale) instanceof Map<?, ?> map ? map : Map.of();
            Map<String, Object> changed = new LinkedHashMap<>();
            List<String> differences = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            ((Map<?, ?>) texts).forEach((key, value) -> {
                FileComparison.Outcome outcome = steps.comparison().compare(text(key), baseTexts.get(key), value,
                        server.get(text(key)));
                conflicts.addAll(outcome.conflicts());
                if (outcome.changed()) {
                    differences.addAll(outcome.changes());
                    changed.put(text(key), outcome.merged());
                }
            });
            steps.report().conflicts("localization texts (" + locale + ")", conflicts);
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

    private void realmSettings(Map<String, Object> base, Map<String, Object> realmFile) {
        Map<String, Object> settings = realmSettingsOf(realmFile);
        Map<String, Object> server = steps.object("").orElseThrow();
        FileComparison.Outcome outcome = steps.comparison().compare("realm", realmSettingsOf(base), settings, server);
        steps.report().conflicts("realm settings", outcome.conflicts());
        if (!outcome.changed()) {
            return;
        }
        // Only the settings the file names are sent; Keycloak leaves the ones a partial representation lacks (but
        // drops realm attributes the representation lacks, so those go with the server's ones in them).
        Map<?, ?> merged = (Map<?, ?>) outcome.merged();
        Map<String, Object> updated = new LinkedHashMap<>();
        settings.keySet().forEach(key -> updated.put(key, merged.get(key)));
        steps.change("realm settings", outcome.changes(), () -> steps.call("PUT", "", updated));
    }

    private static Map<String, Object> realmSettingsOf(Map<String, Object> realmFile) {
        Map<String, Object> settings = new LinkedHashMap<>(realmFile);
        settings.keySet().removeAll(NOT_REALM_SETTINGS);
        if (settings.get("attributes") instanceof Map<?, ?> attributes) {
            Map<Object, Object> stored = new LinkedHashMap<>(attributes);
            stored.keySet().removeAll(IMPORT_ONLY_ATTRIBUTES);
            stored.keySet().removeAll(List.of(RealmFileHistory.VERSION_ATTRIBUTE, RealmFileHistory.COPY_ATTRIBUTE));
            settings.put("attributes", stored);
        }
        return settings;
    }

    /** Last, once everything else was made: the realm remembers this file as the base of its next upgrade. */
    private void remember(Map<String, Object> realmFile, String realmFileText) {
        Map<String, Object> server = steps.object("").orElseThrow();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (server.get("attributes") instanceof Map<?, ?> current) {
            current.forEach((key, value) -> attributes.put(text(key), value));
        }
        String version = RealmFileHistory.version(realmFile);
        String copy = RealmFileHistory.encode(realmFileText);
        Object rememberedCopy = attributes.get(RealmFileHistory.COPY_ATTRIBUTE);
        if (rememberedCopy != null && RealmFileHistory.decode(text(rememberedCopy)).equals(realmFileText)
                && version.equals(attributes.get(RealmFileHistory.VERSION_ATTRIBUTE))) {
            return;
        }
        attributes.put(RealmFileHistory.VERSION_ATTRIBUTE, version);
        attributes.put(RealmFileHistory.COPY_ATTRIBUTE, copy);
        steps.report().remembered("realm file " + version);
        if (!steps.dryRun()) {
            KeycloakAdmin.Answer answer = steps.call("PUT", "", Map.of("attributes", attributes));
            if (!answer.isSuccess()) {
                steps.report().refused("remembering realm file " + version, List.of(), answer.errorText());
            }
        }
    }

    /**
     * Whether a thing of the file that the server lacks is created: yes when it is new in this release (or with
     * --force-file-values); one the base had was deleted by the operator and stays deleted.
     */
    private boolean createsMissing(String what, Optional<Map<String, Object>> old, Map<String, Object> file) {
        if (old.isEmpty() || steps.comparison().mode().forceFileValues()) {
            return true;
        }
        if (!old.get().equals(file)) {
            steps.report().conflicts(what, List.of("deleted on this realm, changed in the realm file; not created"
                    + " again (--force-file-values creates it)"));
        }
        return false;
    }

    /** Names the release added to a list (all of the file's with --force-file-values). */
    private List<String> addedNames(Object base, Object file) {
        List<String> before = steps.comparison().mode().forceFileValues() ? List.of() : strings(base);
        return strings(file).stream().filter(name -> !before.contains(name)).toList();
    }

    /**
     * Named children (protocol or IdP mappers), three ways: the release's new ones created, its changes made, the
     * ones it removed deleted if nobody changed them; the operator's own ones and deletions stay (unless --prune,
     * --force-file-values). New ones are created before old ones go.
     */
    private void namedChildren(String what, Object baseChildren, Object fileChildren, String path) {
        List<Map<String, Object>> server = steps.list(path);
        for (Map<String, Object> child : maps(fileChildren)) {
            String name = text(child.get("name"));
            Optional<Map<String, Object>> existing = byField(server, "name", name);
            Optional<Map<String, Object>> old = byField(maps(baseChildren), "name", name);
            if (existing.isPresent()) {
                steps.update(what + " " + name, old.orElse(null), child, existing.get(),
                        path + "/" + text(existing.get().get("id")));
            } else if (createsMissing(what + " " + name, old, child)) {
                steps.change(what + " " + name + ": created", List.of(),
                        () -> steps.call("POST", path, steps.comparison().resolved(child)));
            }
        }
        for (Map<String, Object> extra : server) {
            String name = text(extra.get("name"));
            if (byField(maps(fileChildren), "name", name).isPresent()) {
                continue;
            }
            Optional<Map<String, Object>> old = byField(maps(baseChildren), "name", name);
            String reason = old.isPresent() && steps.comparison().unchangedSince(old.get(), extra)
                    ? "no longer in the realm file" : steps.comparison().mode().prune() ? "not in the realm file, --prune"
                    : null;
            if (reason != null) {
                steps.change(what + " " + name + ": removed (" + reason + ")", List.of(),
                        () -> steps.call("DELETE", path + "/" + text(extra.get("id")), null));
            } else if (old.isPresent()) {
                steps.report().conflicts(what + " " + name, List.of("no longer in the realm file, but changed on this"
                        + " realm; kept (--prune removes it)"));
            }
        }
    }

    private String scopeId(String name) {
        return byField(steps.list("/client-scopes"), "name", name).map(scope -> text(scope.get("id")))
                .orElse(steps.dryRun() ? "(created above)" : name);
    }
}
