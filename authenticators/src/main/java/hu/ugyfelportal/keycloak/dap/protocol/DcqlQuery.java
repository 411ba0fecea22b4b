package hu.ugyfelportal.keycloak.dap.protocol;

import java.util.List;
import java.util.Map;

/**
 * The Digital Credentials Query (OID4VP 1.0 §6) for one SD-JWT VC of the given type with the given
 * top-level claims; the wallet answers under {@link #CREDENTIAL_ID}.
 */
public final class DcqlQuery {

    public static final String CREDENTIAL_ID = "pid";
    public static final String SD_JWT_VC_FORMAT = "dc+sd-jwt";

    private DcqlQuery() {
    }

    public static Map<String, Object> forCredential(String vct, List<String> claims) {
        return Map.of("credentials", List.of(Map.of(
                "id", CREDENTIAL_ID,
                "format", SD_JWT_VC_FORMAT,
                "meta", Map.of("vct_values", List.of(vct)),
                "claims", claims.stream().map(claim -> Map.of("path", List.of(claim))).toList())));
    }
}
