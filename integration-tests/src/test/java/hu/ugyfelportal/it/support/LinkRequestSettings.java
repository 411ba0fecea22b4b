package hu.ugyfelportal.it.support;

import java.util.Map;

/**
 * Changes the link-request step's config (the realm switch, the link lifetime, the mail limits) the way an
 * administrator would, through the Admin REST API, and puts it back when closed. Tests run one at a time, so no
 * other test sees it.
 */
public final class LinkRequestSettings implements AutoCloseable {

    private static final String FLOW = "ugyfelportal reset credentials";
    private static final String REQUEST_STEP = "ugyfelportal-password-link-request";

    private final StepConfig change;

    private LinkRequestSettings(TestEnvironment env, Map<String, String> settings) {
        this.change = StepConfig.change(env, FLOW, REQUEST_STEP, settings);
    }

    /** Any of the step's settings, by their config keys. */
    public static LinkRequestSettings set(TestEnvironment env, Map<String, String> settings) {
        return new LinkRequestSettings(env, settings);
    }

    public static LinkRequestSettings revealUnknownEmail(TestEnvironment env, boolean reveal) {
        return new LinkRequestSettings(env, Map.of("revealUnknownEmail", String.valueOf(reveal)));
    }

    public static LinkRequestSettings linkLifetimeSeconds(TestEnvironment env, int seconds) {
        return new LinkRequestSettings(env, Map.of("linkLifetimeSeconds", String.valueOf(seconds)));
    }

    @Override
    public void close() {
        change.close();
    }
}
