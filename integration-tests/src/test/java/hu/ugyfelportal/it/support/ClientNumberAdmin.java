package hu.ugyfelportal.it.support;

import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An administrator editing a user's client numbers through the Admin REST API, as the admin console does. */
public final class ClientNumberAdmin {

    private ClientNumberAdmin() {
    }

    public static UserRepresentation user(TestEnvironment env, String userId) {
        return env.admin().get("/users/" + userId, new TypeReference<>() {
        });
    }

    /** Reads the whole user, replaces its client numbers, writes it back; answers the server's response. */
    public static AdminApi.Response tryToSetClientNumbers(TestEnvironment env, String userId, List<String> clientNumbers) {
        UserRepresentation user = user(env, userId);
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.put("ugyfelszam", clientNumbers);
        user.setAttributes(attributes);
        return env.admin().call("PUT", "/users/" + userId, user);
    }

    public static void setClientNumbers(TestEnvironment env, String userId, List<String> clientNumbers) {
        tryToSetClientNumbers(env, userId, clientNumbers).expect(204);
    }
}
