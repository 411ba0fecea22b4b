package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keycloak started from its distribution zip on Maven Central (unpacked by Maven), in dev mode on embedded H2,
 * with the freshly built bundle (and the test clock) in providers/ and the realm plus demo users imported from data/import.
 */
final class DistributionKeycloak implements KeycloakServer {

    /**
     * Minutes the start may take (8: the first start builds (augments) too, and on a machine busy with other builds
     * both together took over 4 min); more with -Dkeycloak.startupMinutes=12.
     */
    static final String STARTUP_MINUTES_PROPERTY = "keycloak.startupMinutes";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(Long.getLong(STARTUP_MINUTES_PROPERTY, 8));
    private static final int MINIMUM_JAVA = 21;
    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * Optional, for the benchmarks: more kc.sh options, space separated (e.g. production-like theme caching, which
     * dev mode turns off); extra JVM options (JAVA_OPTS_APPEND, e.g. a flight recording); the CPUs Keycloak is
     * pinned to (taskset list, e.g. "0").
     */
    static final String OPTIONS_PROPERTY = "keycloak.options";
    static final String JAVA_OPTS_APPEND_PROPERTY = "keycloak.javaOptsAppend";
    static final String CPUS_PROPERTY = "keycloak.cpus";

    private final Path home;
    private final Path logFile;
    private final int httpPort;
    private final int managementPort;
    private final Process process;

    private DistributionKeycloak(Path home, Path logFile, int httpPort, int managementPort, Process process) {
        this.home = home;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.process = process;
    }

    static DistributionKeycloak start(Map<String, String> realmEnvironment) {
        Path home = TestSettings.keycloakDistribution();
        Path logFile = TestSettings.keycloakWorkDir().resolve("keycloak-server.log");
        try {
            prepareInstallation(home);
            Files.createDirectories(logFile.getParent());
            int httpPort = FreePort.find();
            int managementPort = FreePort.find();
            List<String> command = new ArrayList<>();
            String cpus = System.getProperty(CPUS_PROPERTY, "");
            if (!cpus.isBlank()) {
                command.addAll(List.of("taskset", "--cpu-list", cpus));
            }
            command.addAll(List.of("bash", "bin/kc.sh", "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    "--import-realm"));
            // Health, metrics and event metrics as in production (deploy/keycloak.conf): EventMetricsIT reads them.
            command.addAll(KeycloakConf.observabilityArguments());
            String options = System.getProperty(OPTIONS_PROPERTY, "");
            if (!options.isBlank()) {
                command.addAll(List.of(options.trim().split("\\s+")));
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().put("JAVA_HOME", javaHomeForKeycloak());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", TestSettings.ADMIN_USERNAME);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", TestSettings.ADMIN_PASSWORD);
            String javaOptsAppend = System.getProperty(JAVA_OPTS_APPEND_PROPERTY, "");
            if (!javaOptsAppend.isBlank()) {
                builder.environment().put("JAVA_OPTS_APPEND", javaOptsAppend);
            }
            builder.environment().put(TestSettings.MAX_WAITING_PAGES_ENVIRONMENT.getKey(),
                    TestSettings.MAX_WAITING_PAGES_ENVIRONMENT.getValue());
            builder.environment().putAll(realmEnvironment);
            DistributionKeycloak server = new DistributionKeycloak(home, logFile, httpPort, managementPort, builder.start());
            server.awaitRealm();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    /** A fresh database and the current bundle on every run, so no state leaks between runs. */
    private static void prepareInstallation(Path home) throws IOException {
        deleteRecursively(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(TestSettings.realmFile(), imports.resolve("ugyfelportal-realm.json"));
        Files.copy(TestSettings.demoUsersFile(), imports.resolve("ugyfelportal-users-0.json"));
        Path providers = Files.createDirectories(home.resolve("providers"));
        Files.copy(TestSettings.bundleJar(), providers.resolve("ugyfelportal-keycloak-bundle.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TestSettings.testClockJar(), providers.resolve("ugyfelportal-test-clock.jar"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keycloak 26.7 needs Java 21+; the scripts run Maven on such a JDK, so the test JVM's own is used. */
    private static String javaHomeForKeycloak() {
        if (Runtime.version().feature() >= MINIMUM_JAVA) {
            return System.getProperty("java.home");
        }
        throw new IllegalStateException("Keycloak " + TestSettings.keycloakVersion() + " needs Java "
                + MINIMUM_JAVA + "+, but the tests run on Java " + Runtime.version().feature()
                + ". Run scripts/test.sh, which finds a JDK 21+ by itself, or set JAVA_HOME to one.");
    }

    private void awaitRealm() {
        if (!ServerProcess.awaitRealm("Keycloak", baseUrl(), process, STARTUP_TIMEOUT, logFile)) {
            close();
            throw new IllegalStateException(ServerProcess.startTimeoutMessage("Keycloak", STARTUP_TIMEOUT, logFile));
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public Optional<String> metricsUrl() {
        return Optional.of("http://127.0.0.1:" + managementPort + "/metrics");
    }

    /** utime + stime of Keycloak's Java process from /proc. */
    @Override
    public Optional<Duration> cpuTime() {
        return Optional.of(javaProcess()).flatMap(handle -> {
            try {
                String stat = Files.readString(Path.of("/proc/" + handle.pid() + "/stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<Long> javaPid() {
        return Optional.of(javaProcess().pid());
    }

    /** kc.sh execs Java, or runs it as a child. */
    private ProcessHandle javaProcess() {
        return process.descendants()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    @Override
    public String logTail(int lines) {
        return ServerProcess.logTail(logFile, lines);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path home() {
        return home;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
