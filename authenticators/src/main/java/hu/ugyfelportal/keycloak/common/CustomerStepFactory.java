package hu.ugyfelportal.keycloak.common;

import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSessionFactory;

/** What the factories of our flow steps share: no server configuration, nothing to wire, no user setup. */
public abstract class CustomerStepFactory implements AuthenticatorFactory {

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public void init(Config.Scope config) {
        // Nothing to read from the server configuration.
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // Nothing to wire.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
