package hu.ugyfelportal.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.function.Supplier;

/**
 * Gives tests an environment of type {@code E} as a parameter. It lives in JUnit's root store, so it starts with
 * the first test class that asks for it and stops when the whole run ends: servers start once per run. When a
 * test fails, the end of the servers' logs is printed.
 */
abstract class OncePerRunExtension<E> implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private final Class<E> type;
    private final Supplier<E> start;

    OncePerRunExtension(Class<E> type, Supplier<E> start) {
        this.type = type;
        this.start = start;
    }

    /** What to print after a failed test: the end of each server's log. */
    abstract String logsAfterFailure(E environment, String testName);

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return environment(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        E environment = store(context).get(type, type);
        if (environment != null) {
            System.err.print(logsAfterFailure(environment, context.getDisplayName()));
        }
    }

    private E environment(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(type, key -> start.get(), type);
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()));
    }
}
