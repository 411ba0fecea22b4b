package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The stable identifier of a DÁP person as Keycloak stores it in the federated-identity link: an HMAC-SHA-256 of the
 * configured subject claims under the installation's secret ({@link DapPseudonymKeys}). A national identifier has
 * few possible values, so an unkeyed hash of it could be reversed by trying them all; without the secret this cannot.
 *
 * @param pseudonym    what a link is stored under from now on
 * @param earlierForms what a link made before may still be stored under: the same claims under an earlier key, and
 *                     the unkeyed SHA-256 of the first release; a link found under one is moved to {@code pseudonym}
 */
public record DapSubject(String pseudonym, List<String> earlierForms) {

    private static final String HMAC = "HmacSHA256";

    public DapSubject {
        earlierForms = List.copyOf(earlierForms);
    }

    /** @throws PresentationRejectedException when a subject claim was not disclosed */
    public static DapSubject of(DapConfig config, Map<String, Object> claims, DapPseudonymKeys keys)
            throws PresentationRejectedException {
        byte[] input = input(config, claims);
        List<String> earlier = new ArrayList<>();
        keys.earlier().forEach(key -> earlier.add(hmac(key, input)));
        earlier.add(unkeyed(input));
        return new DapSubject(hmac(keys.current(), input), earlier);
    }

    private static byte[] input(DapConfig config, Map<String, Object> claims) throws PresentationRejectedException {
        StringBuilder input = new StringBuilder(config.credentialType());
        for (String claim : config.subjectClaims()) {
            Object value = claims.get(claim);
            if (value == null || value.toString().isBlank()) {
                throw new PresentationRejectedException(
                        "subject claim '" + claim + "' not disclosed");
            }
            input.append('\n').append(claim).append('=').append(value);
        }
        return input.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(byte[] key, byte[] input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return encode(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unkeyed(byte[] input) {
        try {
            return encode(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
