import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Keycloak flight recording of the login benchmark split by flow: per login of each flow, the CPU-time samples
 * (jdk.CPUTimeSample, 5 ms of a thread's CPU each), allocation and GC CPU inside that flow's measured runs (the
 * benchmark's WINDOW lines), then the methods by how much more of them a full login runs than a plain one.
 *
 * <pre>java scripts/lib/ProfileByFlow.java KEYCLOAK.jfr BENCHMARK.log [METHODS]</pre>
 *
 * Run it on two recordings (two commits, or before and after a change) and compare the lists.
 */
public final class ProfileByFlow {

    private record Window(String flow, long startMillis, long endMillis) {
    }

    private static final class Flow {
        int logins;
        long cpuSamples;
        double allocatedBytes;
        double gcCpuNanos;
        final Map<String, Integer> samplesByMethod = new HashMap<>();
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java ProfileByFlow.java KEYCLOAK.jfr BENCHMARK.log [METHODS]");
            System.exit(2);
        }
        int methods = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Flow> flows = new TreeMap<>();
        List<Window> windows = Files.readAllLines(Path.of(args[1])).stream()
                .filter(line -> line.startsWith("WINDOW ")).map(line -> line.split(" +")).map(word -> {
                    flows.computeIfAbsent(word[1], name -> new Flow()).logins += Integer.parseInt(word[5]);
                    return new Window(word[1], Long.parseLong(word[3]), Long.parseLong(word[4]));
                }).toList();
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                long at = event.getStartTime().toEpochMilli();
                Flow flow = windows.stream().filter(w -> at >= w.startMillis() && at < w.endMillis()).findFirst()
                        .map(w -> flows.get(w.flow())).orElse(null);
                if (flow == null) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.CPUTimeSample" -> {
                        flow.cpuSamples++;
                        if (event.getStackTrace() != null) {
                            Set<String> onStack = new HashSet<>();
                            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                                // Lambdas and method handles carry an address that differs from run to run.
                                onStack.add((frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
                                        .replaceAll("0x[0-9a-f]+", ""));
                            }
                            onStack.forEach(method -> flow.samplesByMethod.merge(method, 1, Integer::sum));
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> flow.allocatedBytes += event.getLong("weight");
                    case "jdk.GCCPUTime" -> flow.gcCpuNanos += event.getLong("userTime") + event.getLong("systemTime");
                    default -> {
                    }
                }
            }
        }
        flows.forEach((name, flow) -> System.out.printf(
                "%-6s %5d logins, per login: %6.2f CPU samples (%.0f ms of Java threads), %5.1f MB allocated, "
                        + "%5.1f ms GC CPU%n", name, flow.logins, (double) flow.cpuSamples / flow.logins,
                5.0 * flow.cpuSamples / flow.logins, flow.allocatedBytes / 1e6 / flow.logins,
                flow.gcCpuNanos / 1e6 / flow.logins));
        Flow plain = flows.get("plain");
        Flow full = flows.get("full");
        if (plain == null || full == null || plain.logins == 0 || full.logins == 0) {
            return;
        }
        System.out.printf("%nCPU samples per login on the stack: full - plain, plain, full%n");
        Set<String> all = new HashSet<>(plain.samplesByMethod.keySet());
        all.addAll(full.samplesByMethod.keySet());
        all.stream().map(method -> Map.entry(method, new double[]{
                        perLogin(full, method) - perLogin(plain, method), perLogin(plain, method), perLogin(full, method)}))
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(methods)
                .forEach(row -> System.out.printf("%6.2f %6.2f %6.2f  %s%n", row.getValue()[0], row.getValue()[1],
                        row.getValue()[2], row.getKey()));
    }

    private static double perLogin(Flow flow, String method) {
        return flow.samplesByMethod.getOrDefault(method, 0) / (double) flow.logins;
    }
}
