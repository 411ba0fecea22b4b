package hu.ugyfelportal.keycloak.dap.transaction;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/** Work that may run only once this session's changes are committed (a page told to reload finds the answer). */
final class AfterCommit {

    private AfterCommit() {
    }

    static void run(KeycloakSession session, Runnable work) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                work.run();
            }

            @Override
            protected void rollbackImpl() {
                // Nothing was saved: nothing to tell.
            }
        });
    }
}
