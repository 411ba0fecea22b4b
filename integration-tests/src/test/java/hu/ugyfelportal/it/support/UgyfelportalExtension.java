package hu.ugyfelportal.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives tests the {@link TestEnvironment}. The environment lives in JUnit's root store, so it starts with the
 * first test class that asks for it and stops when the whole run ends: Keycloak starts once per run.
 */
public final class UgyfelportalExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(UgyfelportalExtension.class);
    private static final int LOG_LINES_ON_FAILURE = 60;

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return environment(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        TestEnvironment environment = context.getRoot().getStore(NAMESPACE).get(TestEnvironment.class, TestEnvironment.class);
        if (environment != null) {
            System.err.printf("%n--- last %d lines of the Keycloak log after %s failed ---%n%s%n---%n",
                    LOG_LINES_ON_FAILURE, context.getDisplayName(), environment.keycloak().logTail(LOG_LINES_ON_FAILURE));
        }
    }

    static TestEnvironment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestEnvironment.class, key -> TestEnvironment.start(), TestEnvironment.class);
    }
}
