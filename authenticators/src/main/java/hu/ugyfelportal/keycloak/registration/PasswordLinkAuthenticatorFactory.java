package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.CustomerStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * What the three link steps share as Keycloak factories: stateless singletons, required, no user setup, and no
 * settings unless a step has some (the link request step does).
 */
abstract class PasswordLinkAuthenticatorFactory extends CustomerStepFactory {

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED};

    private final Authenticator authenticator;

    PasswordLinkAuthenticatorFactory(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
