package hu.ugyfelportal.it.support;

/** Gives tests the {@link TestEnvironment}: Keycloak, the mail catcher and the DÁP simulator, started once per run. */
public final class UgyfelportalExtension extends OncePerRunExtension<TestEnvironment> {

    private static final int LOG_LINES_ON_FAILURE = 60;

    public UgyfelportalExtension() {
        super(TestEnvironment.class, TestEnvironment::start);
    }

    @Override
    String logsAfterFailure(TestEnvironment environment, String testName) {
        return String.format("%n--- last %d lines of the Keycloak log after %s failed ---%n%s%n---%n",
                LOG_LINES_ON_FAILURE, testName, environment.keycloak().logTail(LOG_LINES_ON_FAILURE));
    }
}
