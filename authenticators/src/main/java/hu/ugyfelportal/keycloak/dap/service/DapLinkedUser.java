package hu.ugyfelportal.keycloak.dap.service;

import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The users a DÁP identity is linked to, looked up before the identity is handed to Keycloak's broker. Keycloak's own
 * lookup ({@code getUserByFederatedIdentity}) fails with an exception when an administrator linked the same identity
 * to two users through the Admin API; this one finds that case, so it is refused with a message and an event.
 */
public record DapLinkedUser(List<UserModel> users) {

    static final String ERROR_LINK_CONFLICT = "dap_identity_linked_to_several_users";
    static final String ERROR_NOT_LINKED = "dap_identity_not_linked";
    /** More than one is a conflict; two are enough to tell. */
    private static final int ENOUGH_TO_TELL = 2;

    public static DapLinkedUser find(KeycloakSession session, RealmModel realm, String alias, String subject) {
        return new DapLinkedUser(session.users()
                .searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias, UserModel.IDP_USER_ID, subject),
                        0, ENOUGH_TO_TELL)
                .toList());
    }

    /**
     * Why a DÁP login with this identity is refused (the event's error), or empty when Keycloak may log the one
     * linked, enabled user in. Refused here rather than by Keycloak, so the event names the failed check; Keycloak's
     * answer to a disabled user would say "account disabled", and the portal's FAQ promises one message for all.
     */
    public Optional<String> loginRefusal() {
        if (users.size() > 1) {
            return Optional.of(ERROR_LINK_CONFLICT);
        }
        if (users.isEmpty()) {
            return Optional.of(ERROR_NOT_LINKED);
        }
        return users.get(0).isEnabled() ? Optional.empty() : Optional.of(Errors.USER_DISABLED);
    }

    /** While linking: the identity already belongs to someone other than the logged-in user. */
    public boolean isLinkedToAnotherThan(UserModel user) {
        return users.stream().anyMatch(linked -> !linked.getId().equals(user.getId()));
    }

    /** For the administrators' event of a conflict (user ids only, no names or addresses); null otherwise. */
    public String conflictReason() {
        return users.size() < 2 ? null : "DÁP identity linked to more than one user: "
                + users.stream().map(UserModel::getId).collect(Collectors.joining(", "));
    }
}
