package hu.ugyfelportal.keycloak.registration;

import hu.ugyfelportal.keycloak.common.CustomerStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;

/** What the three link steps share as Keycloak factories: stateless singletons, required, no user setup. */
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
}
