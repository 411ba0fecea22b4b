package hu.ugyfelportal.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one login scenario from several workers at once for a bounded time and collects what happened.
 * Each worker is given its own index, so it can log in its own user: no two workers share a mailbox.
 */
public final class LoadRun {

    /** One complete login by worker {@code worker}; throws when the login did not succeed. */
    @FunctionalInterface
    public interface Login {
        void run(int worker) throws Exception;
    }

    private LoadRun() {
    }

    public static Result run(int workers, Duration duration, Login login) {
        ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < workers; worker++) {
                int index = worker;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long begin = System.nanoTime();
                        try {
                            login.run(index);
                            latenciesNanos.add(System.nanoTime() - begin);
                        } catch (Exception | AssertionError e) {
                            errors.add("worker " + index + ": " + e);
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("A load worker did not finish", e);
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Long> sorted = new ArrayList<>(latenciesNanos);
        Collections.sort(sorted);
        return new Result(workers, elapsed, sorted, List.copyOf(errors));
    }

    public record Result(int workers, Duration elapsed, List<Long> sortedLatenciesNanos, List<String> errors) {

        public int completed() {
            return sortedLatenciesNanos.size();
        }

        public double perSecond() {
            return completed() / (elapsed.toNanos() / 1e9);
        }

        public double percentileMillis(double percentile) {
            return LoadRun.percentileMillis(sortedLatenciesNanos, percentile);
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes ({@code /proc/loadavg}), to print beside a figure. */
    public static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The nearest-rank percentile of sorted latencies in nanoseconds, in milliseconds. */
    public static double percentileMillis(List<Long> sortedNanos, double percentile) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }
}
