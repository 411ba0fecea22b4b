package hu.ugyfelportal.loader;

import java.net.URI;
import java.util.Map;

/**
 * Where the loader finds Keycloak and how it logs in, from environment variables (so no password is on a
 * command line): {@code KEYCLOAK_URL} (required), {@code KEYCLOAK_ADMIN_USER} and {@code KEYCLOAK_ADMIN_PASSWORD}
 * (required), {@code KEYCLOAK_REALM} [ugyfelportal], {@code KEYCLOAK_ADMIN_REALM} [master],
 * {@code KEYCLOAK_ADMIN_CLIENT_ID} [admin-cli].
 */
public record LoaderSettings(URI keycloakUrl, String realm, String adminRealm, String adminClientId,
                             String adminUser, String adminPassword) {

    public static final String DEFAULT_REALM = "ugyfelportal";
    public static final String DEFAULT_ADMIN_REALM = "master";
    public static final String DEFAULT_ADMIN_CLIENT_ID = "admin-cli";

    public LoaderSettings {
        if (keycloakUrl == null || keycloakUrl.getScheme() == null || keycloakUrl.getHost() == null) {
            throw new IllegalArgumentException("KEYCLOAK_URL must be Keycloak's base URL, e.g. https://login.example.hu");
        }
        keycloakUrl = URI.create(keycloakUrl.toString().replaceAll("/+$", ""));
        requireText(realm, "KEYCLOAK_REALM");
        requireText(adminRealm, "KEYCLOAK_ADMIN_REALM");
        requireText(adminClientId, "KEYCLOAK_ADMIN_CLIENT_ID");
        requireText(adminUser, "KEYCLOAK_ADMIN_USER");
        requireText(adminPassword, "KEYCLOAK_ADMIN_PASSWORD");
    }

    public static LoaderSettings fromEnvironment(Map<String, String> environment) {
        String url = environment.get("KEYCLOAK_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("KEYCLOAK_URL is not set: Keycloak's base URL, e.g. https://login.example.hu");
        }
        return new LoaderSettings(URI.create(url.trim()),
                environment.getOrDefault("KEYCLOAK_REALM", DEFAULT_REALM),
                environment.getOrDefault("KEYCLOAK_ADMIN_REALM", DEFAULT_ADMIN_REALM),
                environment.getOrDefault("KEYCLOAK_ADMIN_CLIENT_ID", DEFAULT_ADMIN_CLIENT_ID),
                environment.get("KEYCLOAK_ADMIN_USER"),
                environment.get("KEYCLOAK_ADMIN_PASSWORD"));
    }

    private static void requireText(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set");
        }
    }

    @Override
    public String toString() {
        return "LoaderSettings[" + keycloakUrl + ", realm " + realm + ", admin " + adminUser + "@" + adminRealm + "]";
    }
}
