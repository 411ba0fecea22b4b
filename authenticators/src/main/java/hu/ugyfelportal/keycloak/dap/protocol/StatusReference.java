package hu.ugyfelportal.keycloak.dap.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a PID's status is kept: its {@code status.status_list} claim (draft-ietf-oauth-status-list §6.2; SD-JWT
 * VC's registered claim {@code status}), the index into the list and the URI of the status list token.
 */
public record StatusReference(long idx, String uri) {

    /**
     * The PID's reference, or empty for a PID without {@code status}: it has nothing to check. A {@code status}
     * that names no {@code status_list}, or one that is malformed, is refused: we could not tell its status.
     */
    public static Optional<StatusReference> of(Map<String, Object> claims) throws PresentationRejectedException {
        Object status = claims.get("status");
        if (status == null) {
            return Optional.empty();
        }
        if (!(status instanceof Map<?, ?> mechanisms) || !(mechanisms.get("status_list") instanceof Map<?, ?> list)) {
            throw invalid("PID status names no status_list (the only status mechanism we read)");
        }
        if (!(list.get("idx") instanceof Number idx) || idx.longValue() < 0 || idx.doubleValue() != idx.longValue()) {
            throw invalid("PID status_list idx is not a non-negative integer");
        }
        if (!(list.get("uri") instanceof String uri) || !isAbsoluteUri(uri)) {
            throw invalid("PID status_list uri is not an absolute URI");
        }
        return Optional.of(new StatusReference(idx.longValue(), uri));
    }

    private static boolean isAbsoluteUri(String uri) {
        try {
            return new URI(uri).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static PresentationRejectedException invalid(String reason) {
        return new PresentationRejectedException(reason);
    }
}
