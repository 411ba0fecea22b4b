package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Keycloak node of the two-node cluster that {@code scripts/cluster.sh} prepared: its own installation, built
 * for PostgreSQL with the bundle, whose {@code conf/keycloak.conf} holds the node's ports and the shared database.
 * Starting it is {@code bin/kc.sh start --optimized}; the tests stop and start nodes to restart them mid-login.
 */
public final class ClusterNode implements KeycloakServer {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    /** Infinispan's log line for each new cluster view, e.g. {@code ISPN000094: Received new cluster view ... (2) [a, b]}. */
    private static final Pattern CLUSTER_VIEW = Pattern.compile("ISPN000094: .* \\((\\d+)\\) \\[");

    private final String name;
    private final Path home;
    private final String baseUrl;
    private final Path logFile;
    private final Map<String, String> environment;
    private Process process;
    private long logOffsetAtStart;

    ClusterNode(String name, Path home, String baseUrl, Map<String, String> environment) {
        this.name = name;
        this.home = home;
        this.baseUrl = baseUrl;
        this.logFile = home.resolveSibling(home.getFileName() + ".log");
        this.environment = environment;
    }

    public String name() {
        return name;
    }

    /** Starts the node and waits until it serves the realm; the first node of a fresh database imports the realm. */
    synchronized void start(boolean importRealm) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Node " + name + " is already running");
        }
        List<String> command = importRealm
                ? List.of("bash", "bin/kc.sh", "start", "--optimized", "--import-realm")
                : List.of("bash", "bin/kc.sh", "start", "--optimized");
        try {
            logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", TestSettings.ADMIN_USERNAME);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", TestSettings.ADMIN_PASSWORD);
            builder.environment().putAll(environment);
            process = builder.start();
            // scripts/cluster.sh stops a node left behind by a test JVM that died without closing it.
            Files.writeString(home.resolve("node.pid"), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start cluster node " + name + " in " + home, e);
        }
        awaitRealm();
    }

    /** A graceful stop, as an operator's restart does: the node leaves the cluster and its memory is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the stopped node again and waits until it is back in a cluster of the given size. */
    public void startAgain(int clusterMembers) {
        start(false);
        awaitClusterView(clusterMembers);
    }

    /** Waits until the node's log, since its last start, shows a cluster view with the given number of members. */
    public void awaitClusterView(int members) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (lastClusterViewSize() == members) {
                return;
            }
            ServerProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("Node " + name + " did not see a cluster of " + members + " members; its log:\n"
                + logTail(40));
    }

    private int lastClusterViewSize() {
        int size = 0;
        Matcher view = CLUSTER_VIEW.matcher(logSinceStart());
        while (view.find()) {
            size = Integer.parseInt(view.group(1));
        }
        return size;
    }

    /** The same address (path and query) on this node: where a load balancer might send the browser's next request. */
    public String sameUrlHere(String url) {
        URI here = URI.create(baseUrl);
        URI there = URI.create(url);
        return here.getScheme() + "://" + here.getRawAuthority() + there.getRawPath()
                + (there.getRawQuery() == null ? "" : "?" + there.getRawQuery());
    }

    public boolean served(Page page) {
        URI here = URI.create(baseUrl);
        return page.uri().getHost().equals(here.getHost()) && page.uri().getPort() == here.getPort();
    }

    private void awaitRealm() {
        String what = "Cluster node " + name;
        if (!ServerProcess.awaitRealm(what, baseUrl, process, STARTUP_TIMEOUT, logFile)) {
            stop();
            throw new IllegalStateException(ServerProcess.startTimeoutMessage(what, STARTUP_TIMEOUT, logFile));
        }
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** The node's installation, as scripts/cluster.sh built it and wrote its conf/keycloak.conf. */
    public Path home() {
        return home;
    }

    /** The management interface (health, metrics) on the port scripts/cluster.sh wrote into the node's keycloak.conf. */
    public String managementUrl() {
        try {
            return Files.readAllLines(home.resolve("conf/keycloak.conf")).stream()
                    .filter(line -> line.startsWith("http-management-port="))
                    .map(line -> "http://127.0.0.1:" + line.substring(line.indexOf('=') + 1).strip())
                    .findFirst().orElseThrow(() -> new IllegalStateException("No http-management-port in " + home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Optional<String> metricsUrl() {
        return java.util.Optional.of(managementUrl() + "/metrics");
    }

    @Override
    public String logTail(int lines) {
        return ServerProcess.logTail(logFile, lines);
    }

    /** The node's log since its last start. */
    public String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logOffsetAtStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
