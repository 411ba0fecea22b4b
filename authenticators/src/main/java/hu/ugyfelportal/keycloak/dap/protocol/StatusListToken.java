package hu.ugyfelportal.keycloak.dap.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException.Problem;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A verified Status List Token in JWT format (draft-ietf-oauth-status-list §5.1, §8.3): header {@code typ}
 * {@code statuslist+jwt}, signed (ES256) by a key the PID's issuer is trusted with ({@link IssuerTrust}: pinned, or
 * an {@code x5c} chain to a trusted CA whose leaf names the PID's {@code iss}), {@code sub} equal to the PID's
 * {@code status_list.uri}, {@code iat} not in the future, {@code exp} (if present) not passed, {@code ttl} (if
 * present) positive, and a readable {@code status_list}.
 *
 * @param issuedAt  the token's {@code iat}
 * @param expiresAt its {@code exp}, if it has one
 * @param ttl       its {@code ttl} in seconds, if it has one: how long it may be cached before a fresh copy is fetched
 */
public record StatusListToken(Instant issuedAt, Optional<Instant> expiresAt, Optional<Long> ttl, StatusList list) {

    public static final String TYPE = "statuslist+jwt";
    /** The media type asked for and answered with (§8.1, §8.2). */
    public static final String MEDIA_TYPE = "application/" + TYPE;

    /**
     * @param token     the compact JWT as fetched from {@code reference.uri()}
     * @param pidIssuer the PID's {@code iss}, which an {@code x5c} leaf must name, as for the PID itself
     * @param maxBytes  the most bytes the list may inflate to
     * @throws PidStatusException ({@link Problem#LIST_INVALID}) for anything we cannot trust or read
     */
    public static StatusListToken verify(String token, StatusReference reference, String pidIssuer, IssuerTrust trust,
                                         Instant now, int clockSkew, int maxBytes) throws PidStatusException {
        JWSInput jws;
        JsonNode claims;
        try {
            jws = new JWSInput(token.trim());
            claims = JsonSerialization.mapper.readTree(jws.getContent());
        } catch (JWSInputException | IOException | RuntimeException e) {
            throw invalid("status list token is not a JWT");
        }
        String type = jws.getHeader().getType();
        if (type == null || !(type.equalsIgnoreCase(TYPE) || type.equalsIgnoreCase(MEDIA_TYPE))) {
            throw invalid("status list token typ is " + type + ", not " + TYPE);
        }
        if (!Algorithm.ES256.equals(jws.getHeader().getRawAlgorithm())) {
            throw invalid("status list token alg is " + jws.getHeader().getRawAlgorithm() + ", not ES256");
        }
        requireSignedByTrustedKey(jws, pidIssuer, trust, now);
        if (!reference.uri().equals(claims.path("sub").asText(null))) {
            throw invalid("status list token sub is not the PID's status_list uri");
        }
        Instant issuedAt = epochSeconds(claims, "iat").orElseThrow(() -> invalid("status list token has no iat"));
        if (issuedAt.isAfter(now.plusSeconds(clockSkew))) {
            throw invalid("status list token iat is in the future");
        }
        Optional<Instant> expiresAt = epochSeconds(claims, "exp");
        Optional<Long> ttl = Optional.empty();
        if (claims.has("ttl")) {
            if (!claims.get("ttl").canConvertToLong() || claims.get("ttl").asLong() <= 0) {
                throw invalid("status list token ttl is not a positive number of seconds");
            }
            ttl = Optional.of(claims.get("ttl").asLong());
        }
        JsonNode statusList = claims.path("status_list");
        if (!statusList.path("bits").isIntegralNumber() || !statusList.path("lst").isTextual()) {
            throw invalid("status list token has no status_list with bits and lst");
        }
        StatusListToken verified = new StatusListToken(issuedAt, expiresAt, ttl,
                StatusList.decode(statusList.get("bits").asInt(), statusList.get("lst").asText(), maxBytes));
        verified.requireUnexpired(now, clockSkew);
        return verified;
    }

    /** Its {@code exp}, if it has one, has not passed: checked at every use, also of a copy verified earlier. */
    public void requireUnexpired(Instant now, int clockSkew) throws PidStatusException {
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get().plusSeconds(clockSkew))) {
            throw invalid("status list token expired at " + expiresAt.get());
        }
    }

    /** The PID's verdict at its index: VALID passes, INVALID and SUSPENDED refuse, any other value is not understood. */
    public void requireValid(StatusReference reference) throws PidStatusException {
        int status = list.statusAt(reference.idx());
        switch (status) {
            case StatusList.VALID -> {
            }
            case StatusList.INVALID -> throw new PidStatusException(Problem.REVOKED, "PID status is INVALID (revoked)");
            case StatusList.SUSPENDED -> throw new PidStatusException(Problem.SUSPENDED, "PID status is SUSPENDED");
            default -> throw invalid("PID status is 0x" + Integer.toHexString(status) + ", not a status we know");
        }
    }

    private static void requireSignedByTrustedKey(JWSInput jws, String pidIssuer, IssuerTrust trust, Instant now)
            throws PidStatusException {
        List<SignatureVerifierContext> verifiers;
        try {
            verifiers = trust.verifiersFor(jws.getHeader(), pidIssuer, now);
        } catch (PresentationRejectedException e) {
            throw invalid("status list token signer not trusted: " + e.reason());
        }
        byte[] signed = jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII);
        for (SignatureVerifierContext verifier : verifiers) {
            try {
                if (verifier.verify(signed, jws.getSignature())) {
                    return;
                }
            } catch (VerificationException e) {
                // Not this key; the next one may have signed it.
            }
        }
        throw invalid("status list token signature is not by a trusted issuer key");
    }

    private static Optional<Instant> epochSeconds(JsonNode claims, String name) throws PidStatusException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw invalid("status list token " + name + " is not a number");
        }
        return Optional.of(Instant.ofEpochSecond(value.asLong()));
    }

    private static PidStatusException invalid(String reason) {
        return new PidStatusException(Problem.LIST_INVALID, reason);
    }
}
