package hu.ugyfelportal.it.support;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A flight recording (JFR, the {@code profile} settings) of the test run's Keycloak, started and dumped with
 * {@code jcmd} around one stretch of a benchmark, so its samples are that stretch's alone; then read here.
 */
public final class KeycloakFlightRecording implements AutoCloseable {

    private static final String NAME = "ugyfelportal-benchmark";
    /** Keycloak's request stacks are deep; JFR's default of 64 frames would cut off the endpoint that called. */
    private static final int STACK_DEPTH = 512;

    private final long pid;
    private final Path file;
    private boolean stopped;

    private KeycloakFlightRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts a recording in Keycloak's JVM, a child process of this one; {@code file} receives it on {@link #stop}. */
    public static KeycloakFlightRecording start(Path file) {
        long pid = ProcessHandle.current().descendants()
                .filter(handle -> handle.info().commandLine().map(line -> line.contains("kc.home.dir")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("No Keycloak JVM among this JVM's children"))
                .pid();
        // Only takes effect while no recording has started in that JVM (BENCHMARK_JFR starts one at its start).
        jcmd(pid, "JFR.configure", "stackdepth=" + STACK_DEPTH);
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        return new KeycloakFlightRecording(pid, file.toAbsolutePath());
    }

    /** Dumps the recording to its file and ends it; returns the CPU samples of Keycloak's Java threads. */
    public List<List<RecordedFrame>> stop() {
        try {
            Files.createDirectories(file.getParent());
            jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
            stopped = true;
            return RecordingFile.readAllEvents(file).stream()
                    .filter(event -> event.getEventType().getName().equals("jdk.ExecutionSample"))
                    .map(RecordedEvent::getStackTrace).filter(java.util.Objects::nonNull)
                    .map(stack -> List.copyOf(stack.getFrames())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** Ends the recording if {@link #stop} did not (a failed run), without a file. */
    @Override
    public void close() {
        if (!stopped) {
            jcmd(pid, "JFR.stop", "name=" + NAME);
        }
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
