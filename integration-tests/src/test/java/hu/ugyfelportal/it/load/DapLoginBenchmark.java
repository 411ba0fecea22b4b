package hu.ugyfelportal.it.load;

import hu.ugyfelportal.dapsimulator.TestIdentity;
import hu.ugyfelportal.dapsimulator.Wallet;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.DapJourney;
import hu.ugyfelportal.it.support.DapLogins;
import hu.ugyfelportal.it.support.KeycloakFlightRecording;
import hu.ugyfelportal.it.support.LoadRun;
import hu.ugyfelportal.it.support.Logins;
import hu.ugyfelportal.it.support.PlainPasswordClient;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a DÁP login costs a node and how many it completes per second (scripts/benchmark.sh; not part of the normal
 * test run), beside plain Keycloak password logins measured in the same run: at 1, 4 and 8 concurrent customers the
 * two flows alternate, each a whole login ({@link DapLogins}: browser to the QR page and its status stream, the
 * wallet's request_uri POST and encrypted answer, reload, broker login, code exchange; {@link Logins} for the
 * password). The wallet presents PIDs issued to it before the run, so the load generator spends its CPU on what a
 * phone does per login (checking the request, the key binding, the encryption), not on issuing.
 * <p>
 * Afterwards one more run at the highest concurrency is recorded with JFR in Keycloak, and its CPU samples are
 * grouped by the DÁP step (the innermost of our or Keycloak's classes on each stack). Figures are printed; it fails on
 * login errors and when the status list was fetched per login rather than once per cache time.
 */
@ExtendWith(UgyfelportalExtension.class)
class DapLoginBenchmark {

    private static final int[] CONCURRENCY = {1, 4, 8};
    private static final int ROUNDS = 2;
    private static final double TARGET_RATIO = 2.0;
    /** Each worker takes turns over customers of its own (see LoginBenchmark: the brute-force protector's lag). */
    private static final int IDENTITIES_PER_WORKER = 2;
    private static final int USERS_PER_WORKER = 4;
    private static final String PASSWORD = "Meres-jelszo-1";
    private static final String PLAIN = "plain";
    private static final String DAP = "DÁP";
    private static final String OTHER = "other (HTTP, sessions, JSON, … outside these steps)";
    /**
     * The DÁP steps of the breakdown, each by the simple names of the classes that do it (ours and Keycloak's; simple
     * names, so a move to another package keeps the breakdown; {@code Class.method} where one class serves two
     * steps). A sample counts for the first of these met from the top of its stack, so the innermost step wins:
     * the signature check of the status list counts for the status list, not for the presentation around it.
     */
    private static final Map<String, Set<String>> STEPS = steps();

    @Test
    void dapLoginsAgainstPlainPasswordLogins(TestEnvironment env) {
        Duration runLength = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
        int maxWorkers = CONCURRENCY[CONCURRENCY.length - 1];
        PortalClient plain = PlainPasswordClient.create(env, "benchmark-dap-plain", "benchmark-dap-plain-secret",
                "benchmark dap plain password");
        List<String> plainUsers = IntStream.range(0, maxWorkers * USERS_PER_WORKER).mapToObj(index -> {
            String email = AdminApi.uniqueEmail("meres-dap-plain" + index);
            env.admin().createUser(email, PASSWORD, AdminApi.oneClientNumber());
            return email;
        }).toList();
        List<TestIdentity> identities = TestIdentity.ALL.subList(0, maxWorkers * IDENTITIES_PER_WORKER);
        identities.forEach(identity -> DapJourney.linkedCustomer(env, "meres-dap", identity.id()));
        // The PIDs name a list no login has fetched yet: every fetch of it is this benchmark's.
        String statusList = env.dap().newStatusList();
        Wallet wallet = env.wallet();
        List<DapLogins.Credential> credentials = identities.stream()
                .map(identity -> DapLogins.Credential.issue(wallet, identity)).toList();
        PortalClient portal = env.portal();
        int[] turns = new int[maxWorkers];

        Flow plainFlow = new Flow(PLAIN, worker -> {
            String email = plainUsers.get(worker * USERS_PER_WORKER + turns[worker]++ % USERS_PER_WORKER);
            Logins.timedLogin(env, plain, email, PASSWORD);
            return null;
        });
        Flow dapFlow = new Flow(DAP, worker -> DapLogins.login(env.newBrowser(), portal, wallet,
                credentials.get(worker * IDENTITIES_PER_WORKER + turns[worker]++ % IDENTITIES_PER_WORKER),
                UnaryOperator.identity()));

        LoadRun.run(4, runLength, worker -> plainFlow.login().run(worker));
        LoadRun.run(4, runLength, worker -> dapFlow.login().run(worker));
        int warmUpFetches = env.dap().statusListFetches(statusList);

        long measuredStart = System.nanoTime();
        List<Measured> table = new ArrayList<>();
        for (int workers : CONCURRENCY) {
            Measured plainMeasured = new Measured(PLAIN, workers);
            Measured dapMeasured = new Measured(DAP, workers);
            for (int round = 0; round < ROUNDS; round++) {
                plainMeasured.add(measure(env, workers, runLength, plainFlow, statusList));
                dapMeasured.add(measure(env, workers, runLength, dapFlow, statusList));
            }
            table.add(plainMeasured);
            table.add(dapMeasured);
        }
        Duration measured = Duration.ofNanos(System.nanoTime() - measuredStart);

        Path recordingFile = Path.of("target", "benchmark", "keycloak-dap-login-" + placement().split(" ")[0] + ".jfr");
        Sample profiled;
        List<List<RecordedFrame>> samples;
        try (KeycloakFlightRecording recording = KeycloakFlightRecording.start(recordingFile)) {
            profiled = measure(env, maxWorkers, runLength, dapFlow, statusList);
            samples = recording.stop();
        }

        long cacheSeconds = DapLogins.statusListCacheSeconds(env.admin());
        print(runLength, table, warmUpFetches, measured, cacheSeconds, profiled, samples, recordingFile);

        List<String> errors = new ArrayList<>();
        table.forEach(row -> row.results.forEach(result -> errors.addAll(result.errors())));
        errors.addAll(profiled.result().errors());
        assertThat(errors).as("login errors during the benchmark").isEmpty();
        // Once per cache time; a refresh may be fetched by each login that finds the copy just run out at once.
        int cachePeriods = DapLogins.statusListCachePeriods(measured, cacheSeconds);
        assertThat(table.stream().filter(row -> row.flow.equals(DAP)).mapToInt(row -> row.statusListFetches).sum())
                .as("status list fetches in %d s of measured runs (cache time %d s)", measured.toSeconds(), cacheSeconds)
                .isLessThanOrEqualTo(cachePeriods * maxWorkers);
    }

    /** One login scenario; a DÁP login hands back its step times, a password login null. */
    private record Flow(String name, TimedLogin login) {
    }

    @FunctionalInterface
    private interface TimedLogin {
        DapLogins.Timed run(int worker) throws Exception;
    }

    private static Sample measure(TestEnvironment env, int workers, Duration runLength, Flow flow, String statusList) {
        env.mail().purge();
        ConcurrentLinkedQueue<DapLogins.Timed> logins = new ConcurrentLinkedQueue<>();
        long keycloakBefore = env.keycloak().cpuTime().orElseThrow().toNanos();
        long generatorBefore = generatorCpuNanos();
        int fetchesBefore = env.dap().statusListFetches(statusList);
        LoadRun.Result result = LoadRun.run(workers, runLength, worker -> {
            DapLogins.Timed timed = flow.login().run(worker);
            if (timed != null) {
                logins.add(timed);
            }
        });
        return new Sample(result, env.keycloak().cpuTime().orElseThrow().toNanos() - keycloakBefore,
                generatorCpuNanos() - generatorBefore, env.dap().statusListFetches(statusList) - fetchesBefore,
                List.copyOf(logins));
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(Duration runLength, List<Measured> table, int warmUpFetches, Duration measured,
                              long cacheSeconds, Sample profiled, List<List<RecordedFrame>> samples, Path recordingFile) {
        String placement = placement();
        System.out.println();
        System.out.printf("DÁP login benchmark: %s, %d CPUs seen by the load generator, %d s runs, %d rounds, "
                        + "load average after the runs %s%n", placement, Runtime.getRuntime().availableProcessors(),
                runLength.toSeconds(), ROUNDS, LoadRun.loadAverage());
        System.out.println("Whole logins: DÁP = login page, QR page + status stream, wallet's request_uri POST and "
                + "encrypted answer (PIDs issued before the run), reload, broker login, code exchange; plain = Keycloak's "
                + "bare Username Password Form. answer: the wallet's POST at the response_uri until the verifier's 200. "
                + "KC ms/login: Keycloak's CPU per login; KC busy: of one core; gen: the load generator's (wallet, "
                + "browsers) CPU per login; list/login: status list fetches per login (the simulator's count).");
        System.out.printf("%-5s %7s %6s %8s %6s %6s %6s %17s %6s %11s %7s %7s %10s%n", "flow", "workers", "logins",
                "logins/s", "p50", "p95", "p99", "answer p50/95/99", "errors", "KC ms/login", "KC busy", "gen ms",
                "list/login");
        for (Measured row : table) {
            System.out.printf("%-5s %7d %6d %8.2f %6.0f %6.0f %6.0f %17s %6d %11.1f %6.0f%% %7.1f %10s%n", row.flow,
                    row.workers, row.completed(), row.perSecond(), row.percentile(50), row.percentile(95),
                    row.percentile(99), row.flow.equals(DAP) ? String.format("%.0f/%.0f/%.0f",
                            row.stepPercentile(DapLogins.Step.WALLET_ANSWER, 50),
                            row.stepPercentile(DapLogins.Step.WALLET_ANSWER, 95),
                            row.stepPercentile(DapLogins.Step.WALLET_ANSWER, 99)) : "-",
                    row.errors(), row.keycloakMillisPerLogin(), row.keycloakBusyPercent(), row.generatorMillisPerLogin(),
                    row.flow.equals(DAP) ? String.format("%.4f", (double) row.statusListFetches / row.completed()) : "-");
        }

        System.out.println();
        System.out.println("DÁP login by step, p50 ms (qr page: until its status stream said wait; reload: from the "
                + "verifier's 200 to the stream's reload; broker login: the page loaded again, to the portal redirect)");
        System.out.printf("%7s", "workers");
        for (DapLogins.Step step : DapLogins.Step.values()) {
            System.out.printf(" %13s", step.name().toLowerCase().replace('_', ' '));
        }
        System.out.println();
        for (Measured row : table) {
            if (row.flow.equals(DAP)) {
                System.out.printf("%7d", row.workers);
                for (DapLogins.Step step : DapLogins.Step.values()) {
                    System.out.printf(" %13.1f", row.stepPercentile(step, 50));
                }
                System.out.println();
            }
        }

        Measured bestPlain = best(table, PLAIN);
        Measured bestDap = best(table, DAP);
        double ratio = bestDap.perSecond() / bestPlain.perSecond();
        Measured dapAtMost = find(table, DAP, CONCURRENCY[CONCURRENCY.length - 1]);
        System.out.println();
        System.out.printf("Saturation (%s): plain %.2f logins/s (%d workers), DÁP %.2f logins/s (%d workers): ratio "
                        + "DÁP/plain %.2f (target >= %.2f: %s); errors at %d wallets: %d%n", placement,
                bestPlain.perSecond(), bestPlain.workers, bestDap.perSecond(), bestDap.workers, ratio, TARGET_RATIO,
                ratio >= TARGET_RATIO ? "met" : "NOT met", dapAtMost.workers, dapAtMost.errors());
        StringBuilder cpuOnly = new StringBuilder();
        for (int workers : CONCURRENCY) {
            double cpuPlain = find(table, PLAIN, workers).keycloakMillisPerLogin();
            double cpuDap = find(table, DAP, workers).keycloakMillisPerLogin();
            cpuOnly.append(String.format("%n  %d worker(s): plain %.1f ms, DÁP %.1f ms: %.2f", workers, cpuPlain,
                    cpuDap, cpuPlain / cpuDap));
        }
        System.out.printf("Keycloak CPU per login, and the DÁP/plain ratio it alone would allow:%s%n", cpuOnly);
        int fetches = table.stream().filter(row -> row.flow.equals(DAP)).mapToInt(row -> row.statusListFetches).sum();
        int logins = table.stream().filter(row -> row.flow.equals(DAP)).mapToInt(Measured::completed).sum();
        System.out.printf("Status list: %d fetch(es) in the warm-up, %d in %d s of measured runs for %d DÁP logins "
                        + "(cache time %d s: at most %d expected, one per cache time)%n", warmUpFetches, fetches,
                measured.toSeconds(), logins, cacheSeconds, DapLogins.statusListCachePeriods(measured, cacheSeconds));

        printBreakdown(profiled, samples, recordingFile);
        System.out.printf("DAP-RESULT placement=%s ratio=%.2f dapPerSecond=%.2f plainPerSecond=%.2f "
                        + "errorsAt%dWallets=%d dapKeycloakMsPerLogin=%.1f loadAverage=%s%n", placement.split(" ")[0],
                ratio, bestDap.perSecond(), bestPlain.perSecond(), dapAtMost.workers, dapAtMost.errors(),
                dapAtMost.keycloakMillisPerLogin(), LoadRun.loadAverage().split(" ")[0]);
        System.out.println();
    }

    /** Keycloak's CPU samples of the recorded run by DÁP step, and the classes hottest on top of the stacks. */
    private static void printBreakdown(Sample profiled, List<List<RecordedFrame>> samples, Path recordingFile) {
        double msPerLogin = profiled.keycloakNanos() / 1e6 / profiled.result().completed();
        Map<String, Long> bySteps = samples.stream().collect(Collectors.groupingBy(DapLoginBenchmark::stepOf,
                LinkedHashMap::new, Collectors.counting()));
        System.out.println();
        System.out.printf("Where Keycloak's CPU goes in a DÁP login: a run at %d wallets recorded with JFR (%s; %.2f "
                        + "logins/s, %.1f ms CPU per login, %d samples); each sample counted for the innermost step on its "
                        + "stack; ms/login = share x CPU per login%n", profiled.result().workers(), recordingFile,
                profiled.result().perSecond(), msPerLogin, samples.size());
        List<String> names = new ArrayList<>(STEPS.keySet());
        names.add(OTHER);
        for (String step : names) {
            long count = bySteps.getOrDefault(step, 0L);
            System.out.printf("  %-58s %5.1f %% %6.2f ms/login%n", step, 100.0 * count / Math.max(1, samples.size()),
                    msPerLogin * count / Math.max(1, samples.size()));
        }
        System.out.println("  hottest classes on top of the stacks (jfr hot methods, by class):");
        samples.stream().filter(stack -> !stack.isEmpty())
                .collect(Collectors.groupingBy(stack -> stack.get(0).getMethod().getType().getName(), Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(12)
                .forEach(entry -> System.out.printf("    %5.1f %% %s%n", 100.0 * entry.getValue() / samples.size(),
                        entry.getKey()));
    }

    private static String stepOf(List<RecordedFrame> stack) {
        for (RecordedFrame frame : stack) {
            String type = frame.getMethod().getType().getName();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            int inner = simple.indexOf('$');
            String outer = inner < 0 ? simple : simple.substring(0, inner);
            String method = outer + "." + frame.getMethod().getName();
            for (Map.Entry<String, Set<String>> step : STEPS.entrySet()) {
                if (step.getValue().contains(method)) {
                    return step.getKey();
                }
            }
            for (Map.Entry<String, Set<String>> step : STEPS.entrySet()) {
                if (step.getValue().contains(outer)) {
                    return step.getKey();
                }
            }
        }
        return OTHER;
    }

    private static Map<String, Set<String>> steps() {
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        steps.put("request object: wallet metadata, build, ES256 signing", Set.of("AuthorizationRequest",
                "WalletAgreement", "WalletMetadata", "VerifierMetadata", "VerifierIdentity", "RequestObjectEncryption",
                "DcqlQuery"));
        steps.put("response decryption (JWE ECDH-ES)", Set.of("WalletResponse", "ResponseEncryptionKey"));
        steps.put("x5c chain to the trusted CA (PKIX)", Set.of("IssuerTrust"));
        steps.put("status list (stored copy, its signature, the index)", Set.of("PidStatusCheck", "StatusListToken",
                "StatusListFetcher", "StatusList", "StatusReference"));
        steps.put("SD-JWT and key-binding verification", Set.of("PresentationVerifier"));
        steps.put("DÁP transactions (new keys, stores), claims, linked user", Set.of("DapWallet",
                "DapTransactions", "ResponseEncryptionKey.generate", "DapClaims", "DapSubject", "DapLinkedUser",
                "DapClaimMapper", "DapIdentityProvider"));
        steps.put("QR page: drawing the QR, status stream", Set.of("QrImage", "QrStatusStream", "QrPageWaiters",
                "SseEvents", "DapEndpoint", "DapPage"));
        steps.put("broker login (Keycloak's broker, post-login flow)", Set.of("IdentityBrokerService"));
        steps.put("token issuance (code exchange)", Set.of("TokenEndpoint", "TokenManager"));
        steps.put("login page (authorization endpoint)", Set.of("AuthorizationEndpoint", "AuthorizationEndpointBase"));
        return steps;
    }

    /** "pinned" when scripts/benchmark.sh gave Keycloak and the load generator a CPU each. */
    private static String placement() {
        String keycloakCpus = System.getProperty("keycloak.cpus", "");
        return keycloakCpus.isBlank() ? "shared (Keycloak and the load generator on the same CPUs)"
                : "pinned (Keycloak on CPU " + keycloakCpus + ", the load generator and the wallets on the others)";
    }

    private static Measured find(List<Measured> table, String flow, int workers) {
        return table.stream().filter(row -> row.flow.equals(flow) && row.workers == workers).findFirst().orElseThrow();
    }

    private static Measured best(List<Measured> table, String flow) {
        return table.stream().filter(row -> row.flow.equals(flow)).max(Comparator.comparingDouble(Measured::perSecond))
                .orElseThrow();
    }

    private record Sample(LoadRun.Result result, long keycloakNanos, long generatorNanos, int statusListFetches,
                          List<DapLogins.Timed> logins) {
    }

    /** The alternating samples of one flow at one concurrency, taken together. */
    private static final class Measured {
        private final String flow;
        private final int workers;
        private final List<LoadRun.Result> results = new ArrayList<>();
        private final List<Long> latencies = new ArrayList<>();
        private final Map<DapLogins.Step, List<Long>> steps = new EnumMap<>(DapLogins.Step.class);
        private long elapsedNanos;
        private long keycloakNanos;
        private long generatorNanos;
        private int statusListFetches;

        Measured(String flow, int workers) {
            this.flow = flow;
            this.workers = workers;
        }

        void add(Sample sample) {
            results.add(sample.result());
            latencies.addAll(sample.result().sortedLatenciesNanos());
            latencies.sort(Long::compare);
            sample.logins().forEach(login -> login.stepNanos().forEach((step, nanos) ->
                    steps.computeIfAbsent(step, s -> new ArrayList<>()).add(nanos)));
            steps.values().forEach(list -> list.sort(Long::compare));
            elapsedNanos += sample.result().elapsed().toNanos();
            keycloakNanos += sample.keycloakNanos();
            generatorNanos += sample.generatorNanos();
            statusListFetches += sample.statusListFetches();
        }

        int completed() {
            return latencies.size();
        }

        int errors() {
            return results.stream().mapToInt(result -> result.errors().size()).sum();
        }

        double perSecond() {
            return completed() / (elapsedNanos / 1e9);
        }

        double percentile(double percentile) {
            return LoadRun.percentileMillis(latencies, percentile);
        }

        double stepPercentile(DapLogins.Step step, double percentile) {
            return LoadRun.percentileMillis(steps.getOrDefault(step, List.of()), percentile);
        }

        double keycloakMillisPerLogin() {
            return keycloakNanos / 1e6 / completed();
        }

        double keycloakBusyPercent() {
            return 100.0 * keycloakNanos / elapsedNanos;
        }

        double generatorMillisPerLogin() {
            return generatorNanos / 1e6 / completed();
        }
    }
}
