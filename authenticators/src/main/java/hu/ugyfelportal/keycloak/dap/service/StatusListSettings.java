package hu.ugyfelportal.keycloak.dap.service;

import hu.ugyfelportal.keycloak.common.ConfigReader;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;

/**
 * How the PID's status list is fetched and cached (part of {@link DapConfig}, the same provider config).
 *
 * @param failurePolicy       what a login gets when the list cannot be fetched
 * @param graceSeconds        with {@link FailurePolicy#LAST_GOOD_COPY}: how long after its fetch the last good copy
 *                            still stands in for an unreachable list
 * @param maxCacheSeconds     the longest a fetched list is reused before it is fetched again; the list's own
 *                            {@code ttl} shortens it, never lengthens it; 0 fetches at every login
 * @param fetchTimeoutSeconds connect and read timeout of the fetch, and its total deadline
 * @param loopbackHttp        whether a list on a loopback address may be fetched over plain http (development with
 *                            the simulator); any other URI must be https
 */
public record StatusListSettings(FailurePolicy failurePolicy, int graceSeconds, int maxCacheSeconds,
                                 int fetchTimeoutSeconds, boolean loopbackHttp) {

    public static final String FAILURE_POLICY = "dapStatusListFailurePolicy";
    public static final String GRACE = "dapStatusListGraceSeconds";
    public static final String MAX_CACHE = "dapStatusListMaxCacheSeconds";
    public static final String FETCH_TIMEOUT = "dapStatusListFetchTimeoutSeconds";
    public static final String LOOPBACK_HTTP = "dapStatusListLoopbackHttp";

    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.REFUSE;
    public static final int DEFAULT_GRACE = 3600;
    /** A revocation takes effect within five minutes even when the issuer allows longer caching. */
    public static final int DEFAULT_MAX_CACHE = 300;
    /** The wallet waits on our answer while we fetch; five seconds keeps that wait short. */
    public static final int DEFAULT_FETCH_TIMEOUT = 5;
    /** The largest status list token we read (a list of ten million 1-bit entries compresses far below it). */
    public static final int MAX_TOKEN_BYTES = 1024 * 1024;
    /** The largest byte array a list may inflate to: 16 MiB, 134 million 1-bit entries. */
    public static final int MAX_LIST_BYTES = 16 * 1024 * 1024;
    /** Redirects followed (draft-ietf-oauth-status-list §8.2 says clients SHOULD follow them; §11.4 warns of loops). */
    public static final int MAX_REDIRECTS = 3;

    /** When the list cannot be fetched (no answer, a timeout, an HTTP error). */
    public enum FailurePolicy {
        /** The login is refused: a revoked PID never gets in because its issuer is unreachable. */
        REFUSE("refuse"),
        /** The last good copy decides, if it was fetched within the grace period; otherwise refused. */
        LAST_GOOD_COPY("last-good-copy");

        private final String parameter;

        FailurePolicy(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        static List<String> parameters() {
            return Arrays.stream(values()).map(FailurePolicy::parameter).toList();
        }
    }

    /** The admin console's description of these settings, listed with the other DÁP settings. */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(FAILURE_POLICY).label("PID status list unreachable").type(ProviderConfigProperty.LIST_TYPE)
                .options(FailurePolicy.parameters()).defaultValue(DEFAULT_FAILURE_POLICY.parameter())
                .helpText("When a PID names a status list that cannot be fetched: refuse the login, or let the last "
                        + "good copy decide if it was fetched within the grace period.").add()
                .property().name(GRACE).label("PID status list grace period (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_GRACE))
                .helpText("With last-good-copy: how long after its fetch a copy may stand in for an unreachable list.").add()
                .property().name(MAX_CACHE).label("PID status list cache, at most (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_MAX_CACHE))
                .helpText("A fetched list is reused for its ttl, but never longer than this; 0 fetches it at every login.").add()
                .property().name(FETCH_TIMEOUT).label("PID status list fetch timeout (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(DEFAULT_FETCH_TIMEOUT)).add()
                .property().name(LOOPBACK_HTTP).label("PID status list over http on loopback (development)")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Lets a status list on localhost be fetched over plain http, as the DÁP simulator serves it. "
                        + "Every other status list must be https.").add()
                .build();
    }

    /** Part of {@link DapConfig#from}: its problems are noted with the other DÁP settings'. */
    static StatusListSettings read(ConfigReader read) {
        return new StatusListSettings(
                read.oneOf(FAILURE_POLICY, FailurePolicy.class, FailurePolicy::parameter, DEFAULT_FAILURE_POLICY),
                read.wholeNumber(GRACE, 0, 7 * 24 * 3600, DEFAULT_GRACE),
                read.wholeNumber(MAX_CACHE, 0, 24 * 3600, DEFAULT_MAX_CACHE),
                read.wholeNumber(FETCH_TIMEOUT, 1, 30, DEFAULT_FETCH_TIMEOUT),
                read.bool(LOOPBACK_HTTP, false));
    }
}
