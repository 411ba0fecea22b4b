package hu.ugyfelportal.keycloak.dap.service;

/** Message keys of the DÁP pages (the theme's {@code dap.*} section). */
public final class DapMessages {

    public static final String NOT_CONFIGURED = "dap.notConfigured";
    public static final String LINK_NOT_ELIGIBLE = "dap.linkNotEligible";
    public static final String LOGIN_FAILED = "dap.loginFailed";
    public static final String ALREADY_LINKED = "dap.alreadyLinked";
    public static final String SESSION_EXPIRED = "dap.sessionExpired";
    public static final String DECLINED = "dap.declined";
    public static final String REJECTED = "dap.rejected";
    public static final String EXPIRED = "dap.expired";
    public static final String PID_REVOKED = "dap.pidRevoked";
    public static final String PID_SUSPENDED = "dap.pidSuspended";
    public static final String PID_STATUS_UNAVAILABLE = "dap.pidStatusUnavailable";
    /** The link's name on the profile page and in events, with the day of linking ({@code {0}}). */
    public static final String LINK_NAME = "dap.linkName";

    private DapMessages() {
    }
}
