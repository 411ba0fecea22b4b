package hu.ugyfelportal.upgrade;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static hu.ugyfelportal.upgrade.AdminSteps.maps;
import static hu.ugyfelportal.upgrade.AdminSteps.text;

/**
 * The secrets the realm file fills from placeholders: a client's secret, an identity provider's secret or signing
 * key, the SMTP password. Neither an empty one nor the literal placeholder (the public string
 * {@code ${UGYFELPORTAL_PORTAL_CLIENT_SECRET}}) is ever a working value.
 */
final class Secrets {

    private static final Set<String> PROVIDER_SECRETS = Set.of("clientSecret", "dapSigningKey");
    /** What Keycloak's admin API shows instead of a secret it masks; such a value cannot be checked from outside. */
    private static final String MASKED = "**********";

    private final AdminSteps steps;

    Secrets(AdminSteps steps) {
        this.steps = steps;
    }

    /** With --overwrite-environment-values: the secrets the environment would set empty. */
    static List<String> emptyFromEnvironment(Map<String, Object> realmFile, Placeholders placeholders) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            emptyIfPlaceholder("client " + client.get("clientId") + " secret", client.get("secret"), placeholders,
                    problems);
        }
        for (Map<String, Object> provider : maps(realmFile.get("identityProviders"))) {
            if (provider.get("config") instanceof Map<?, ?> config) {
                PROVIDER_SECRETS.forEach(key -> emptyIfPlaceholder("identity provider " + provider.get("alias") + " "
                        + key, config.get(key), placeholders, problems));
            }
        }
        return problems;
    }

    private static void emptyIfPlaceholder(String what, Object value, Placeholders placeholders, List<String> problems) {
        if (Placeholders.in(value) && placeholders.resolve(text(value)).isBlank()) {
            problems.add(what + " would be empty (" + value + " is set to an empty value)");
        }
    }

    /** The secrets on the server that are empty or a literal placeholder, for those the file fills from one. */
    List<String> brokenOnServer(Map<String, Object> realmFile) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> client : maps(realmFile.get("clients"))) {
            if (!Placeholders.in(client.get("secret"))) {
                continue;
            }
            String clientId = text(client.get("clientId"));
            Optional<Map<String, Object>> server = steps.list("/clients?clientId="
                    + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).stream()
                    .filter(found -> clientId.equals(found.get("clientId"))).findFirst();
            if (server.isPresent()) {
                Object secret = steps.object("/clients/" + text(server.get().get("id")) + "/client-secret")
                        .map(value -> value.get("value")).orElse(null);
                broken("client " + clientId + " secret", client.get("secret"), secret, problems);
            }
        }
        for (Map<String, Object> provider : maps(realmFile.get("identityProviders"))) {
            String alias = text(provider.get("alias"));
            Optional<Map<String, Object>> server = steps.object("/identity-provider/instances/"
                    + AdminSteps.segment(alias));
            if (server.isEmpty() || !(provider.get("config") instanceof Map<?, ?> config)) {
                continue;
            }
            Map<?, ?> serverConfig = server.get().get("config") instanceof Map<?, ?> map ? map : Map.of();
            for (String key : PROVIDER_SECRETS) {
                if (Placeholders.in(config.get(key))) {
                    broken("identity provider " + alias + " " + key, config.get(key), serverConfig.get(key), problems);
                }
            }
        }
        if (realmFile.get("smtpServer") instanceof Map<?, ?> smtp && Placeholders.in(smtp.get("password"))) {
            Map<?, ?> server = steps.object("").map(realm -> realm.get("smtpServer"))
                    .filter(Map.class::isInstance).map(Map.class::cast).orElse(Map.of());
            if ("true".equals(text(server.get("auth")))) {
                broken("SMTP password (SMTP login is on)", smtp.get("password"), server.get("password"), problems);
            }
        }
        return problems;
    }

    private static void broken(String what, Object fileValue, Object serverValue, List<String> problems) {
        String value = serverValue == null ? "" : text(serverValue);
        if (MASKED.equals(value)) {
            return;
        }
        String variable = text(fileValue);
        if (value.isBlank()) {
            problems.add(what + " is empty on the server: set " + variable
                    + " and run again with --overwrite-environment-values (or set it in the admin console)");
        } else if (Placeholders.in(value)) {
            problems.add(what + " on the server is the literal text " + value + ", not a secret: set " + variable
                    + " and run again with --overwrite-environment-values (or set it in the admin console)");
        }
    }
}
