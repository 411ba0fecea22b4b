package hu.ugyfelportal.keycloak.locale;

import org.keycloak.Config;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.locale.LocaleSelectorProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Makes {@link LoginLocaleSelector} the server's locale selector: Keycloak picks the factory with the highest
 * {@link #order()} when no {@code spi-locale-selector--provider} is set, and Keycloak's own ({@code default}) has 0.
 */
public final class LoginLocaleSelectorFactory implements LocaleSelectorProviderFactory {

    public static final String ID = "ugyfelportal-login-locale";

    @Override
    public LocaleSelectorProvider create(KeycloakSession session) {
        return new LoginLocaleSelector(session);
    }

    @Override
    public int order() {
        return 1;
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
