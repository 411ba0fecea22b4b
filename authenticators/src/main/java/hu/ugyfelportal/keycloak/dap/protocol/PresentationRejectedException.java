package hu.ugyfelportal.keycloak.dap.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wallet's answer is not a presentation we accept; {@link #reason()} goes into the event, never to the customer. */
public class PresentationRejectedException extends Exception {

    public PresentationRejectedException(String reason) {
        super(reason);
    }

    /**
     * Keycloak's check messages quote the expected and the received values (our nonce, the audience, times); the
     * reason keeps only which check failed, so no protocol secret reaches an event or the log.
     */
    private static final Pattern QUOTED = Pattern.compile("(claim )?'[^']*'");

    public PresentationRejectedException(String reason, Throwable cause) {
        super(reason + ": " + withoutValues(cause.getMessage()), cause);
    }

    static String withoutValues(String message) {
        // A quoted claim name says which check failed and stays; every other quoted part is a value.
        return message == null ? "" : QUOTED.matcher(message)
                .replaceAll(quoted -> quoted.group(1) != null ? Matcher.quoteReplacement(quoted.group()) : "'…'");
    }

    public String reason() {
        return getMessage();
    }

    /** The event's error code. */
    public String eventError() {
        return "dap_presentation_rejected";
    }
}
