package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What every Keycloak process the tests start needs: waiting until it serves the realm, and the end of its log. */
final class ServerProcess {

    private static final int LOG_LINES_ON_START_FAILURE = 80;

    private ServerProcess() {
    }

    /**
     * Waits until {@code baseUrl} serves the test realm. Fails at once, with the log, when the process exits;
     * returns false when the time is up (the caller stops the process and says so).
     */
    static boolean awaitRealm(String name, String baseUrl, Process process, Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newHttpClient();
        URI realmUri = URI.create(baseUrl + "/realms/" + TestSettings.REALM);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " while starting. Its log:\n" + logTail(logFile, LOG_LINES_ON_START_FAILURE));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(realmUri).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // Keycloak is still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    static String startTimeoutMessage(String name, Duration timeout, Path logFile) {
        return name + " did not serve realm " + TestSettings.REALM + " within " + timeout + ". Its log:\n"
                + logTail(logFile, LOG_LINES_ON_START_FAILURE);
    }

    static String logTail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ": " + e.getMessage() + ")";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
