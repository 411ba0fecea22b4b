package hu.ugyfelportal.it.support;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Gives the cluster tests the {@link ClusterEnvironment}, started once per run. */
public final class ClusterExtension extends OncePerRunExtension<ClusterEnvironment> {

    private static final int LOG_LINES_ON_FAILURE = 40;

    public ClusterExtension() {
        super(ClusterEnvironment.class, ClusterEnvironment::start);
    }

    @Override
    String logsAfterFailure(ClusterEnvironment cluster, String testName) {
        return Stream.of(cluster.nodeA(), cluster.nodeB())
                .map(node -> String.format("%n--- last %d lines of node %s's log after %s failed ---%n%s%n---%n",
                        LOG_LINES_ON_FAILURE, node.name(), testName, node.logTail(LOG_LINES_ON_FAILURE)))
                .collect(Collectors.joining());
    }
}
