package hu.ugyfelportal.it.load;

import com.fasterxml.jackson.core.type.TypeReference;
import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login benchmark (scripts/benchmark.sh; not part of the normal test run). One server, one realm, two
 * clients: "plain" has its browser flow overridden to Keycloak's bare Username Password Form, the portal
 * client runs our whole flow (password, e-mailed code read from the SMTP server, chooser). Distinct users,
 * a warm-up, then plain and full runs alternate at each concurrency, and the table is printed with the
 * full/plain ratio measured in this one run. Figures are printed, not asserted; only errors fail it.
 */
@ExtendWith(UgyfelportalExtension.class)
class LoginBenchmark {

    private static final String PLAIN_CLIENT = "benchmark-plain";
    private static final String PLAIN_SECRET = "benchmark-plain-secret";
    private static final String PLAIN_FLOW = "benchmark plain password";
    private static final String PASSWORD = "Meres-jelszo-1";
    private static final int[] CONCURRENCY = {1, 4, 8};
    private static final int ROUNDS = 2;
    private static final double TARGET_RATIO = 0.90;

    @Test
    void fullFlowAgainstPlainPasswordLogin(TestEnvironment env) {
        Duration runLength = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
        PortalClient plain = createPlainClient(env);
        PortalClient full = env.portal();
        int maxWorkers = CONCURRENCY[CONCURRENCY.length - 1];
        List<String> plainUsers = createUsers(env, "meres-plain", maxWorkers);
        List<String> fullUsers = createUsers(env, "meres-full", maxWorkers);
        LoadRun.Login plainLogin = worker -> Logins.login(env, plain, plainUsers.get(worker), PASSWORD);
        LoadRun.Login fullLogin = worker -> Logins.login(env, full, fullUsers.get(worker), PASSWORD);

        LoadRun.run(4, runLength.dividedBy(2), plainLogin);
        LoadRun.run(4, runLength.dividedBy(2), fullLogin);

        Map<String, Measured> table = new LinkedHashMap<>();
        for (int workers : CONCURRENCY) {
            Measured plainMeasured = new Measured();
            Measured fullMeasured = new Measured();
            for (int round = 0; round < ROUNDS; round++) {
                plainMeasured.add(measure(env, workers, runLength, plainLogin));
                fullMeasured.add(measure(env, workers, runLength, fullLogin));
            }
            table.put("plain x" + workers, plainMeasured);
            table.put("full  x" + workers, fullMeasured);
        }
        print(table);

        List<String> errors = new ArrayList<>();
        table.values().forEach(measured -> measured.results.forEach(result -> errors.addAll(result.errors())));
        assertThat(errors).as("login errors during the benchmark").isEmpty();
    }

    private static Sample measure(TestEnvironment env, int workers, Duration runLength, LoadRun.Login login) {
        Optional<Duration> cpuBefore = env.keycloak().cpuTime();
        LoadRun.Result result = LoadRun.run(workers, runLength, login);
        Optional<Duration> cpuAfter = env.keycloak().cpuTime();
        Optional<Duration> cpu = cpuBefore.flatMap(before -> cpuAfter.map(after -> after.minus(before)));
        return new Sample(result, cpu);
    }

    private static void print(Map<String, Measured> table) {
        System.out.println();
        System.out.printf("Login benchmark on %d cores (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"));
        System.out.printf("%-10s %8s %9s %9s %9s %9s %7s %12s%n",
                "flow", "logins", "logins/s", "p50 ms", "p95 ms", "p99 ms", "errors", "CPU ms/login");
        table.forEach((name, measured) -> System.out.printf("%-10s %8d %9.2f %9.0f %9.0f %9.0f %7d %12s%n",
                name, measured.completed(), measured.perSecond(), measured.percentile(50), measured.percentile(95),
                measured.percentile(99), measured.errors(), measured.cpuMillisPerLogin()));
        double bestPlain = table.entrySet().stream().filter(e -> e.getKey().startsWith("plain"))
                .mapToDouble(e -> e.getValue().perSecond()).max().orElse(Double.NaN);
        double bestFull = table.entrySet().stream().filter(e -> e.getKey().startsWith("full"))
                .mapToDouble(e -> e.getValue().perSecond()).max().orElse(Double.NaN);
        double ratio = bestFull / bestPlain;
        System.out.printf("Saturation: plain %.2f logins/s, full %.2f logins/s, ratio full/plain %.2f (target >= %.2f: %s)%n",
                bestPlain, bestFull, ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "NOT met");
        System.out.println();
    }

    /** A flow with only Keycloak's Username Password Form, bound to a client of its own. */
    private static PortalClient createPlainClient(TestEnvironment env) {
        AdminApi admin = env.admin();
        admin.call("POST", "/authentication/flows", Map.of("alias", PLAIN_FLOW, "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "description", "benchmark baseline")).expect(201);
        String flowPath = "/authentication/flows/" + PLAIN_FLOW.replace(" ", "%20");
        admin.call("POST", flowPath + "/executions/execution", Map.of("provider", "auth-username-password-form")).expect(201);
        List<Map<String, Object>> executions = admin.get(flowPath + "/executions", new TypeReference<>() {
        });
        Map<String, Object> execution = new LinkedHashMap<>(executions.get(0));
        execution.put("requirement", "REQUIRED");
        admin.call("PUT", flowPath + "/executions", execution).expect(204);
        List<Map<String, Object>> flows = admin.get("/authentication/flows", new TypeReference<>() {
        });
        String flowId = flows.stream().filter(flow -> PLAIN_FLOW.equals(flow.get("alias")))
                .map(flow -> flow.get("id").toString()).findFirst().orElseThrow();
        admin.call("POST", "/clients", Map.of(
                "clientId", PLAIN_CLIENT, "secret", PLAIN_SECRET, "publicClient", false,
                "standardFlowEnabled", true, "redirectUris", List.of(env.portalUrl() + "/*"),
                "authenticationFlowBindingOverrides", Map.of("browser", flowId))).expect(201);
        return env.client(PLAIN_CLIENT, PLAIN_SECRET);
    }

    /** Users with a private and a company client number, so the full flow shows the chooser page. */
    private static List<String> createUsers(TestEnvironment env, String prefix, int count) {
        return IntStream.range(0, count).mapToObj(index -> {
            String email = AdminApi.uniqueEmail(prefix + index);
            env.admin().createUser(email, PASSWORD, Map.of("ugyfelszam", List.of(
                    "3" + String.format("%07d", index) + " | MAGANSZEMELY | Mérés Magánszemély " + index,
                    "4" + String.format("%07d", index) + " | CEG | Mérés Kft. " + index)));
            return email;
        }).toList();
    }

    private record Sample(LoadRun.Result result, Optional<Duration> cpu) {
    }

    /** Several alternating samples of one flow at one concurrency, taken together. */
    private static final class Measured {
        private final List<LoadRun.Result> results = new ArrayList<>();
        private final List<Long> latencies = new ArrayList<>();
        private Duration elapsed = Duration.ZERO;
        private Duration cpu = Duration.ZERO;
        private boolean cpuKnown = true;

        void add(Sample sample) {
            results.add(sample.result());
            latencies.addAll(sample.result().sortedLatenciesNanos());
            latencies.sort(Long::compare);
            elapsed = elapsed.plus(sample.result().elapsed());
            sample.cpu().ifPresentOrElse(used -> cpu = cpu.plus(used), () -> cpuKnown = false);
        }

        int completed() {
            return latencies.size();
        }

        int errors() {
            return results.stream().mapToInt(result -> result.errors().size()).sum();
        }

        double perSecond() {
            return completed() / (elapsed.toNanos() / 1e9);
        }

        double percentile(double percentile) {
            return LoadRun.percentileMillis(latencies, percentile);
        }

        String cpuMillisPerLogin() {
            return cpuKnown && completed() > 0 ? String.format("%.1f", cpu.toMillis() / (double) completed()) : "n/a";
        }
    }
}
