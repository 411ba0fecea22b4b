package hu.ugyfelportal.keycloak.dap.protocol;

/** The wallet's answer is not a presentation we accept; {@link #reason()} goes into the event, never to the customer. */
public class PresentationRejectedException extends Exception {

    public PresentationRejectedException(String reason) {
        super(reason);
    }

    public PresentationRejectedException(String reason, Throwable cause) {
        super(reason + ": " + cause.getMessage(), cause);
    }

    public String reason() {
        return getMessage();
    }

    /** The event's error code. */
    public String eventError() {
        return "dap_presentation_rejected";
    }
}
