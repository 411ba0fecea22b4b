package hu.ugyfelportal.testclock;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@link TestClockResource} under {@code /realms/<realm>/test-clock}; it answers only in master. */
public final class TestClockResourceFactory implements RealmResourceProviderFactory {

    static final String ID = "test-clock";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new TestClockResource(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
