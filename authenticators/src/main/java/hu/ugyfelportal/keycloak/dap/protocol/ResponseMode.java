package hu.ugyfelportal.keycloak.dap.protocol;


/**
 * How the wallet answers at our response_uri (OID4VP 1.0 §8.2, §8.3): {@link #DIRECT_POST} posts the response
 * parameters as a form; {@link #DIRECT_POST_JWT} posts one {@code response} parameter, a JWE encrypted to the key in
 * the request's {@code client_metadata}, so that the personal data is readable only by us even where TLS ends
 * before Keycloak (a proxy, a load balancer).
 */
public enum ResponseMode {

    DIRECT_POST("direct_post"),
    DIRECT_POST_JWT("direct_post.jwt");

    private final String parameter;

    ResponseMode(String parameter) {
        this.parameter = parameter;
    }

    /** The value of the {@code response_mode} request parameter. */
    public String parameter() {
        return parameter;
    }

    public boolean encrypted() {
        return this == DIRECT_POST_JWT;
    }
}
