package hu.ugyfelportal.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives the cluster tests the {@link ClusterEnvironment}, started with the first test class that asks for it and
 * stopped when the whole run ends (it lives in JUnit's root store).
 */
public final class ClusterExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);
    private static final int LOG_LINES_ON_FAILURE = 40;

    @Override
    public void beforeAll(ExtensionContext context) {
        environment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return environment(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ClusterEnvironment cluster = context.getRoot().getStore(NAMESPACE).get(ClusterEnvironment.class, ClusterEnvironment.class);
        if (cluster != null) {
            for (ClusterNode node : new ClusterNode[] {cluster.nodeA(), cluster.nodeB()}) {
                System.err.printf("%n--- last %d lines of node %s's log after %s failed ---%n%s%n---%n",
                        LOG_LINES_ON_FAILURE, node.name(), context.getDisplayName(), node.logTail(LOG_LINES_ON_FAILURE));
            }
        }
    }

    private static ClusterEnvironment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClusterEnvironment.class, key -> ClusterEnvironment.start(), ClusterEnvironment.class);
    }
}
