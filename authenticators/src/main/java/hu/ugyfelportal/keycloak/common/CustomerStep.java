package hu.ugyfelportal.keycloak.common;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What our flow steps share as Keycloak authenticators: they act on a user an earlier step identified, apply to
 * every user, have nothing for the customer to set up and hold no resources. A step that identifies the user
 * itself overrides {@link #requiresUser()}.
 */
public abstract class CustomerStep implements Authenticator {

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing for the customer to set up: addresses and client numbers come from the administrators.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
