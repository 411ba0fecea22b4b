package hu.ugyfelportal.keycloak.dap.transaction;

import hu.ugyfelportal.keycloak.dap.protocol.PidStatusException;
import hu.ugyfelportal.keycloak.dap.protocol.PresentationRejectedException;
import hu.ugyfelportal.keycloak.dap.service.DapMessages;

/** What the wallet's answer came to, with the message the QR page then shows; kept until the browser collects it. */
public enum Outcome {
    APPROVED(null),
    DECLINED(DapMessages.DECLINED),
    REJECTED(DapMessages.REJECTED),
    PID_REVOKED(DapMessages.PID_REVOKED),
    PID_SUSPENDED(DapMessages.PID_SUSPENDED),
    PID_STATUS_UNAVAILABLE(DapMessages.PID_STATUS_UNAVAILABLE);

    private final String messageKey;

    Outcome(String messageKey) {
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    /** The refusal's outcome: the PID's status has its own messages, every other refusal the one. */
    public static Outcome refusing(PresentationRejectedException refusal) {
        if (!(refusal instanceof PidStatusException status)) {
            return REJECTED;
        }
        return switch (status.problem()) {
            case REVOKED -> PID_REVOKED;
            case SUSPENDED -> PID_SUSPENDED;
            case LIST_UNAVAILABLE -> PID_STATUS_UNAVAILABLE;
            case LIST_INVALID -> REJECTED;
        };
    }
}
