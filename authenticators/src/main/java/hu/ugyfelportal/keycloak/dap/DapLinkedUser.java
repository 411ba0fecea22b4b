package hu.ugyfelportal.keycloak.dap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The user a DÁP identity is linked to, looked up before the identity is handed to Keycloak's broker. Keycloak's own
 * lookup ({@code getUserByFederatedIdentity}) fails with an exception when an administrator linked the same identity
 * to two users through the Admin API; this lookup finds that case, so it is refused with a message and an event.
 */
record DapLinkedUser(List<UserModel> users) {

    /** More than one is a conflict; two are enough to tell. */
    private static final int ENOUGH_TO_TELL = 2;

    static DapLinkedUser find(KeycloakSession session, RealmModel realm, String alias, String subject) {
        List<UserModel> linked = session.users()
                .searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias, UserModel.IDP_USER_ID, subject),
                        0, ENOUGH_TO_TELL)
                .toList();
        return new DapLinkedUser(linked);
    }

    boolean isConflict() {
        return users.size() > 1;
    }

    Optional<UserModel> user() {
        return isConflict() ? Optional.empty() : users.stream().findFirst();
    }

    /** For the administrators' event: which users hold the identity (ids only, no names or addresses). */
    String conflictReason() {
        return "DÁP identity linked to more than one user: "
                + users.stream().map(UserModel::getId).collect(Collectors.joining(", "));
    }
}
