package hu.ugyfelportal.it.login;

import hu.ugyfelportal.it.support.AdminApi;
import hu.ugyfelportal.it.support.LoadRun;
import hu.ugyfelportal.it.support.Logins;
import hu.ugyfelportal.it.support.PortalClient;
import hu.ugyfelportal.it.support.TestEnvironment;
import hu.ugyfelportal.it.support.UgyfelportalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reliability: eight customers logging in at the same time, again and again, all succeed. */
@ExtendWith(UgyfelportalExtension.class)
class ConcurrentLoginsIT {

    private static final int WORKERS = 8;
    private static final Duration DURATION = Duration.ofSeconds(15);
    private static final String PASSWORD = "Parhuzamos-jelszo-1";

    @Test
    void eightConcurrentFullLoginsAllSucceedWithTheirOwnCodes(TestEnvironment env) {
        List<String> emails = IntStream.range(0, WORKERS)
                .mapToObj(worker -> AdminApi.uniqueEmail("parhuzamos" + worker))
                .toList();
        for (int worker = 0; worker < WORKERS; worker++) {
            env.admin().createUser(emails.get(worker), PASSWORD, Map.of("ugyfelszam",
                    List.of("2000000" + worker + " | MAGANSZEMELY | Párhuzamos Ügyfél " + worker)));
        }
        PortalClient portal = env.portal();

        LoadRun.Result result = LoadRun.run(WORKERS, DURATION, worker -> {
            PortalClient.Tokens tokens = Logins.login(env, portal, emails.get(worker), PASSWORD);
            // The tokens are the worker's own: a code that reached another login would show up here.
            assertThat(tokens.idTokenClaims().get("email")).isEqualTo(emails.get(worker));
        });

        assertThat(result.errors()).as("errors in %d logins", result.completed()).isEmpty();
        assertThat(result.completed()).isGreaterThanOrEqualTo(WORKERS);
        System.out.printf("ConcurrentLoginsIT: %d full logins by %d workers in %.1f s, p95 %.0f ms%n",
                result.completed(), WORKERS, result.elapsed().toMillis() / 1000.0, result.percentileMillis(95));
    }
}
