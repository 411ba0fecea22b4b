package hu.ugyfelportal.keycloak.dap.service;

import org.jboss.logging.Logger;
import org.keycloak.events.Errors;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The users a DÁP identity is linked to, looked up before the identity is handed to Keycloak's broker. Keycloak's own
 * lookup ({@code getUserByFederatedIdentity}) fails with an exception when an administrator linked the same identity
 * to two users through the Admin API; this one finds that case, so it is refused with a message and an event. It also
 * finds a link stored under an earlier form of the pseudonym ({@link DapSubject#earlierForms()}), which
 * {@link #linkName} then moves to the current one.
 *
 * @param storedUnder the form of the pseudonym the users were found under (the current one when none was found)
 */
public record DapLinkedUser(List<UserModel> users, String storedUnder) {

    static final String ERROR_LINK_CONFLICT = "dap_identity_linked_to_several_users";
    static final String ERROR_NOT_LINKED = "dap_identity_not_linked";
    /** More than one is a conflict; two are enough to tell. */
    private static final int ENOUGH_TO_TELL = 2;
    private static final Logger LOG = Logger.getLogger(DapLinkedUser.class);

    /** Under the current pseudonym first; under an earlier form only when no one is linked under the current one. */
    public static DapLinkedUser find(KeycloakSession session, RealmModel realm, String alias, DapSubject subject) {
        return Stream.concat(Stream.of(subject.pseudonym()), subject.earlierForms().stream())
                .map(form -> new DapLinkedUser(session.users()
                        .searchForUserStream(realm, Map.of(UserModel.IDP_ALIAS, alias, UserModel.IDP_USER_ID, form),
                                0, ENOUGH_TO_TELL)
                        .toList(), form))
                .filter(found -> !found.users().isEmpty())
                .findFirst()
                .orElse(new DapLinkedUser(List.of(), subject.pseudonym()));
    }

    /**
     * The name of the one linked user's link, which Keycloak's broker is then given as the broker username (with sync
     * mode FORCE it would otherwise rename the link at each login). A link found under an earlier form is first moved
     * to the current pseudonym and named {@code newName}: its old name was the unkeyed hash.
     *
     * @return empty when not exactly one user is linked
     */
    public Optional<String> linkName(KeycloakSession session, RealmModel realm, String alias, DapSubject subject,
                                     String newName) {
        if (users.size() != 1) {
            return Optional.empty();
        }
        UserModel user = users.get(0);
        if (storedUnder.equals(subject.pseudonym())) {
            return Optional.ofNullable(session.users().getFederatedIdentity(realm, user, alias))
                    .map(FederatedIdentityModel::getUserName);
        }
        session.users().removeFederatedIdentity(realm, user, alias);
        session.users().addFederatedIdentity(realm, user, new FederatedIdentityModel(alias, subject.pseudonym(), newName));
        LOG.infof("Moved the DÁP link of user %s to the keyed pseudonym", user.getId());
        return Optional.of(newName);
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
