package hu.ugyfelportal.keycloak.dap;

/** Message keys of the DÁP pages (the theme's {@code dap.*} section). */
final class DapMessages {

    static final String NOT_CONFIGURED = "dap.notConfigured";
    static final String LINK_NOT_ELIGIBLE = "dap.linkNotEligible";
    static final String LOGIN_FAILED = "dap.loginFailed";
    static final String ALREADY_LINKED = "dap.alreadyLinked";
    static final String SESSION_EXPIRED = "dap.sessionExpired";
    static final String DECLINED = "dap.declined";
    static final String REJECTED = "dap.rejected";
    static final String EXPIRED = "dap.expired";
    static final String PID_REVOKED = "dap.pidRevoked";
    static final String PID_SUSPENDED = "dap.pidSuspended";
    static final String PID_STATUS_UNAVAILABLE = "dap.pidStatusUnavailable";

    private DapMessages() {
    }
}
