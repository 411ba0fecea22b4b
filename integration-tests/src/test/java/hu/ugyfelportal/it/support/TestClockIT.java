package hu.ugyfelportal.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The test server's clock moves only for the master realm's administrator, and closing the clock puts it back. */
@ExtendWith(UgyfelportalExtension.class)
class TestClockIT {

    @Test
    void movesAndComesBack(TestEnvironment env) {
        try (TestClock clock = env.clock()) {
            clock.move(Duration.ofSeconds(120));
            clock.move(Duration.ofSeconds(5));
            assertThat(clock.offsetSeconds()).isEqualTo(125);
            assertThat(env.admin().serverInfo()).as("the admin API still answers on the moved clock").isNotEmpty();
        }
        try (TestClock clock = env.clock()) {
            assertThat(clock.offsetSeconds()).isZero();
        }
    }

    @Test
    void refusesAnyoneButTheAdministrator(TestEnvironment env) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"offset\": 3600}";
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().baseUrl() + "/realms/master/test-clock"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> customersRealm = http.send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().baseUrl() + "/realms/" + env.realm() + "/test-clock"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(customersRealm.statusCode()).isEqualTo(404);

        try (TestClock clock = env.clock()) {
            assertThat(clock.offsetSeconds()).as("nobody moved the clock").isZero();
        }
    }
}
