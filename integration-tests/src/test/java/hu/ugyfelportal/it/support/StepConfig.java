package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes the settings of one step of one of the imported realm's flows the way an administrator would, through the
 * Admin REST API, and puts them back when closed: a step that had a config gets its old values again, a step that had
 * none loses the one made here. Tests run one at a time, so no other test sees the change.
 */
public final class StepConfig implements AutoCloseable {

    private final TestEnvironment env;
    /** The config as it was, or null when the step had none and {@link #createdId} was made for the test. */
    private final Map<String, Object> original;
    private final String createdId;
    private final String alias;

    private StepConfig(TestEnvironment env, Map<String, Object> original, String createdId, String alias) {
        this.env = env;
        this.original = original;
        this.createdId = createdId;
        this.alias = alias;
    }

    /**
     * @param flowAlias  the flow as the realm file names it, e.g. {@code ugyfelportal browser}; its sub-flows count
     * @param providerId the step, e.g. {@code ugyfelportal-client-number-chooser}; the first of the flow is changed
     * @param settings   the settings to set, by their config keys; the step's other settings stay
     */
    public static StepConfig change(TestEnvironment env, String flowAlias, String providerId,
                                    Map<String, String> settings) {
        AdminApi admin = env.admin();
        List<Map<String, Object>> executions = admin.get(
                "/authentication/flows/" + flowAlias.replace(" ", "%20") + "/executions", new TypeReference<>() {
                });
        Map<String, Object> execution = executions.stream()
                .filter(candidate -> providerId.equals(candidate.get("providerId")))
                .findFirst().orElseThrow(() -> new AssertionError("No " + providerId + " in the flow " + flowAlias));
        String configId = (String) execution.get("authenticationConfig");
        if (configId == null) {
            String alias = providerId + "-test-config";
            String location = admin.call("POST", "/authentication/executions/" + execution.get("id") + "/config",
                    Map.of("alias", alias, "config", settings)).expect(201).location();
            return new StepConfig(env, null, location.substring(location.lastIndexOf('/') + 1), alias);
        }
        Map<String, Object> original = admin.get("/authentication/config/" + configId, new TypeReference<>() {
        });
        Map<String, Object> changed = new HashMap<>(original);
        @SuppressWarnings("unchecked")
        Map<String, String> values = new HashMap<>((Map<String, String>) original.get("config"));
        values.putAll(settings);
        changed.put("config", values);
        put(admin, changed);
        return new StepConfig(env, original, null, (String) original.get("alias"));
    }

    /** The config's alias, which the log line and the event of a refused config name. */
    public String alias() {
        return alias;
    }

    @Override
    public void close() {
        if (original != null) {
            put(env.admin(), original);
        } else {
            // Keycloak also clears the execution's reference to a config it deletes.
            env.admin().call("DELETE", "/authentication/config/" + createdId, null).expect(204);
        }
    }

    private static void put(AdminApi admin, Map<String, Object> config) {
        admin.call("PUT", "/authentication/config/" + config.get("id"), config).expect(204);
    }
}
