package hu.ugyfelportal.keycloak.dap.service;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * A verified PID's disclosed claims on their way to the user: stored as JSON with the wallet's result until the
 * browser collects it, then handed to Keycloak's broker in the identity's context data, where the identity-provider
 * mapper ({@code DapClaimMapper}) reads them.
 */
public final class DapClaims {

    private static final String CONTEXT_KEY = "dap.claims";

    private DapClaims() {
    }

    public static void attach(BrokeredIdentityContext identity, Map<String, Object> claims) {
        identity.getContextData().put(CONTEXT_KEY, claims);
    }

    /** The disclosed claims of a DÁP login; empty for any other identity. */
    public static Map<?, ?> of(BrokeredIdentityContext identity) {
        return identity.getContextData().get(CONTEXT_KEY) instanceof Map<?, ?> claims ? claims : Map.of();
    }

    public static String toJson(Map<String, Object> claims) {
        try {
            return JsonSerialization.writeValueAsString(claims);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> fromJson(String json) {
        try {
            return JsonSerialization.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
