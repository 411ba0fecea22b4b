package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a long-running server must not accumulate, read from its metrics on the management port: the entries of the
 * {@code actionTokens} and {@code authenticationSessions} caches (Infinispan's statistics as Keycloak publishes them,
 * {@code vendor_statistics_approximate_entries}), its live threads, and its heap right after a full GC (asked of the
 * JVM with {@code jcmd GC.run}); and how many answers so far were a 5xx (Keycloak's HTTP server metrics).
 */
public record ServerGauges(long actionTokens, long authenticationSessions, long threads, long heapBytesAfterGc,
                           long serverErrorAnswers) {

    private static final String ENTRIES = "vendor_statistics_approximate_entries";
    private static final String THREADS = "jvm_threads_live_threads";
    private static final String HEAP_USED = "jvm_memory_used_bytes";
    private static final String ANSWERS = "http_server_requests_seconds_count";
    private static final Pattern LINE = Pattern.compile("^(\\w+)(?:\\{(.*)})?\\s+(\\S+)$");

    /** A reading once the server is quiet: taken twice, 2 s apart, the lower of each. */
    public static ServerGauges settled(TestEnvironment env) {
        ServerGauges first = read(env);
        ServerProcess.sleep(Duration.ofSeconds(2));
        ServerGauges second = read(env);
        return new ServerGauges(Math.min(first.actionTokens, second.actionTokens),
                Math.min(first.authenticationSessions, second.authenticationSessions),
                Math.min(first.threads, second.threads), Math.min(first.heapBytesAfterGc, second.heapBytesAfterGc),
                second.serverErrorAnswers);
    }

    /**
     * Reads until the caches are back at {@code baseline} or {@code patience} is over (Infinispan removes expired
     * entries by its own reaper, about once a minute), then the last reading.
     */
    public static ServerGauges settledTo(TestEnvironment env, ServerGauges baseline, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        ServerGauges reading = read(env);
        while ((reading.actionTokens > baseline.actionTokens
                || reading.authenticationSessions > baseline.authenticationSessions) && Instant.now().isBefore(deadline)) {
            ServerProcess.sleep(Duration.ofSeconds(5));
            reading = read(env);
        }
        return reading;
    }

    public static ServerGauges read(TestEnvironment env) {
        String metricsUrl = env.keycloak().metricsUrl()
                .orElseThrow(() -> new AssertionError("This Keycloak has no metrics endpoint"));
        long pid = env.keycloak().javaPid().orElseThrow(() -> new AssertionError("Keycloak's JVM is not ours to read"));
        fullGc(pid);
        List<String> lines = MetricCounters.exposition(metricsUrl).lines().toList();
        return new ServerGauges(sum(lines, ENTRIES, "cache=\"actionTokens\""),
                sum(lines, ENTRIES, "cache=\"authenticationSessions\""), sum(lines, THREADS, ""),
                sum(lines, HEAP_USED, "area=\"heap\""), sumOrZero(lines, ANSWERS, "status=\"5"));
    }

    @Override
    public String toString() {
        return String.format("actionTokens %d, authenticationSessions %d, threads %d, heap after GC %.1f MiB, 5xx %d",
                actionTokens, authenticationSessions, threads, heapBytesAfterGc / 1048576.0, serverErrorAnswers);
    }

    private static long sum(List<String> lines, String metric, String label) {
        long total = sumOrZero(lines, metric, label);
        if (total == 0 && lines.stream().noneMatch(line -> line.startsWith(metric))) {
            throw new AssertionError("Keycloak's metrics have no " + metric);
        }
        return total;
    }

    /** A series that counts what has not happened yet (a 5xx) is not there until it has. */
    private static long sumOrZero(List<String> lines, String metric, String label) {
        double total = 0;
        for (String line : lines) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches() && matcher.group(1).equals(metric)
                    && (label.isEmpty() || (matcher.group(2) != null && matcher.group(2).contains(label)))) {
                total += Double.parseDouble(matcher.group(3));
            }
        }
        return (long) total;
    }

    private static void fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).start();
            String output = new String(gc.getInputStream().readAllBytes());
            if (gc.waitFor() != 0) {
                throw new AssertionError("jcmd " + pid + " GC.run failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
