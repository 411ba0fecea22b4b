package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.TestEnvironment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes the link-request step's config (the realm switch, the link lifetime, the mail limits) the way an
 * administrator would, through the Admin REST API, and puts it back when closed. Tests run one at a time, so no
 * other test sees it.
 */
public final class LinkRequestSettings implements AutoCloseable {

    private static final String FLOW = "ugyfelportal%20reset%20credentials";
    private static final String REQUEST_STEP = "ugyfelportal-password-link-request";

    private final TestEnvironment env;
    private final Map<String, Object> original;

    private LinkRequestSettings(TestEnvironment env, Map<String, String> settings) {
        this.env = env;
        this.original = config();
        Map<String, Object> changed = copy(original);
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) changed.get("config");
        values.putAll(settings);
        put(changed);
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
        put(original);
    }

    private Map<String, Object> config() {
        List<Map<String, Object>> executions = env.admin().get("/authentication/flows/" + FLOW + "/executions",
                new TypeReference<>() {
                });
        String configId = executions.stream()
                .filter(execution -> REQUEST_STEP.equals(execution.get("providerId")))
                .map(execution -> (String) execution.get("authenticationConfig"))
                .findFirst().orElseThrow(() -> new AssertionError("No " + REQUEST_STEP + " config in the realm"));
        return env.admin().get("/authentication/config/" + configId, new TypeReference<>() {
        });
    }

    private void put(Map<String, Object> config) {
        env.admin().call("PUT", "/authentication/config/" + config.get("id"), config).expect(204);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put("config", new HashMap<>((Map<String, String>) config.get("config")));
        return copy;
    }
}
