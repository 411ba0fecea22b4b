package hu.ugyfelportal.keycloak.dap.service;

import org.junit.jupiter.api.Test;
import org.keycloak.models.UserModel;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DapLinkedUserTest {

    @Test
    void oneEnabledLinkedUserMayLogIn() {
        DapLinkedUser linked = new DapLinkedUser(List.of(user("a", true)), "p");

        assertThat(linked.loginRefusal()).isEmpty();
        assertThat(linked.conflictReason()).isNull();
    }

    @Test
    void noUserADisabledOneAndTwoUsersAreEachRefusedByName() {
        assertThat(new DapLinkedUser(List.of(), "p").loginRefusal()).contains("dap_identity_not_linked");
        assertThat(new DapLinkedUser(List.of(user("a", false)), "p").loginRefusal()).contains("user_disabled");
        DapLinkedUser twice = new DapLinkedUser(List.of(user("a", true), user("b", true)), "p");
        assertThat(twice.loginRefusal()).contains("dap_identity_linked_to_several_users");
        assertThat(twice.conflictReason()).contains("a, b");
    }

    @Test
    void linkingIsRefusedWhenAnotherUserHoldsTheIdentity() {
        UserModel me = user("me", true);

        assertThat(new DapLinkedUser(List.of(), "p").isLinkedToAnotherThan(me)).isFalse();
        assertThat(new DapLinkedUser(List.of(user("me", true)), "p").isLinkedToAnotherThan(me)).isFalse();
        assertThat(new DapLinkedUser(List.of(user("other", true)), "p").isLinkedToAnotherThan(me)).isTrue();
        assertThat(new DapLinkedUser(List.of(user("me", true), user("other", true)), "p").isLinkedToAnotherThan(me)).isTrue();
    }

    /** Only what the lookup reads of a user: its id and whether it is enabled. */
    private static UserModel user(String id, boolean enabled) {
        return (UserModel) Proxy.newProxyInstance(UserModel.class.getClassLoader(), new Class<?>[]{UserModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isEnabled" -> enabled;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
