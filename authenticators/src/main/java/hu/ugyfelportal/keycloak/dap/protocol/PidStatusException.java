package hu.ugyfelportal.keycloak.dap.protocol;

/**
 * The PID's status (Token Status List) refuses the login, or cannot be established. Each {@link Problem} has its own
 * event error; {@link #reason()} says why, for the event only.
 */
public class PidStatusException extends PresentationRejectedException {

    /** What stands in the way, with the event error it is recorded under. */
    public enum Problem {
        /** The list says INVALID (0x01): the PID was revoked. */
        REVOKED("dap_pid_revoked"),
        /** The list says SUSPENDED (0x02). */
        SUSPENDED("dap_pid_suspended"),
        /** No answer from the list's URI, and no last good copy the failure policy lets us use. */
        LIST_UNAVAILABLE("dap_status_list_unavailable"),
        /** An answer that is not a status list token we can trust and read for this PID. */
        LIST_INVALID("dap_status_list_invalid");

        private final String eventError;

        Problem(String eventError) {
            this.eventError = eventError;
        }

        public String eventError() {
            return eventError;
        }
    }

    private final Problem problem;

    public PidStatusException(Problem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    public PidStatusException(Problem problem, String reason, Throwable cause) {
        super(reason, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public String eventError() {
        return problem.eventError();
    }
}
