package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The stable identifier of a DÁP person as Keycloak stores it in the federated-identity link: a SHA-256 of the
 * configured subject claims, so the national identifier itself is never written to Keycloak's database.
 */
public final class DapSubject {

    private DapSubject() {
    }

    public static String of(DapConfig config, Map<String, Object> claims) throws PresentationRejectedException {
        StringBuilder input = new StringBuilder(config.credentialType());
        for (String claim : config.subjectClaims()) {
            Object value = claims.get(claim);
            if (value == null || value.toString().isBlank()) {
                throw new PresentationRejectedException(
                        "subject claim '" + claim + "' not disclosed");
            }
            input.append('\n').append(claim).append('=').append(value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
