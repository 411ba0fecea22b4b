package hu.ugyfelportal.it.registration;

import hu.ugyfelportal.it.support.StepConfig;
import hu.ugyfelportal.it.support.TestEnvironment;

import java.util.Map;

/**
 * Changes the link-request step's config (the realm switch, the link lifetime, the mail limits) the way an
 * administrator would, through the Admin REST API, and puts it back when closed. Tests run one at a time, so no
 * other test sees it.
 */
public final class RealmSwitches implements AutoCloseable {

    private static final String FLOW = "ugyfelportal reset credentials";
    private static final String REQUEST_STEP = "ugyfelportal-password-link-request";

    private final StepConfig change;

    private RealmSwitches(TestEnvironment env, Map<String, String> settings) {
        this.change = StepConfig.change(env, FLOW, REQUEST_STEP, settings);
    }

    /** Any of the step's settings, by their config keys. */
    static RealmSwitches set(TestEnvironment env, Map<String, String> settings) {
        return new RealmSwitches(env, settings);
    }

    public static RealmSwitches revealUnknownEmail(TestEnvironment env, boolean reveal) {
        return new RealmSwitches(env, Map.of("revealUnknownEmail", String.valueOf(reveal)));
    }

    static RealmSwitches linkLifetimeSeconds(TestEnvironment env, int seconds) {
        return new RealmSwitches(env, Map.of("linkLifetimeSeconds", String.valueOf(seconds)));
    }

    @Override
    public void close() {
        change.close();
    }
}
