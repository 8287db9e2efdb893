package io.zoommetering.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The results of a benchmark: a table for the console and a JSON document for files and tools. */
final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final Map<String, Object> settings;
    private final InputSet input;
    private final List<RunResult> runs = new ArrayList<>();
    private final Map<String, LatencyResult> latency = new LinkedHashMap<>();
    private InputSet scaleInput;
    private final List<RunResult> scaleRuns = new ArrayList<>();

    BenchReport(String command, Map<String, Object> settings, InputSet input) {
        this.command = command;
        this.settings = settings;
        this.input = input;
    }

    void add(RunResult run) {
        runs.add(run);
    }

    void add(LatencyResult result) {
        latency.put(result.guarantee(), result);
    }

    void addScale(InputSet scale, RunResult run) {
        scaleInput = scale;
        scaleRuns.add(run);
    }

    List<RunResult> runs() {
        return List.copyOf(runs);
    }

    /** The median events per second of a variant under a guarantee (NaN without runs). */
    double medianRate(String variant, String guarantee) {
        return stats(select(runs, variant, guarantee), RunResult::eventsPerSecond)
                .median();
    }

    // ---- JSON

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        root.set("machine", JSON.valueToTree(machine()));
        root.set("settings", JSON.valueToTree(settings));
        root.set("input", input(input));
        ArrayNode guarantees = root.putArray("guarantees");
        for (String guarantee : guarantees(runs)) {
            ObjectNode node = guarantees.addObject();
            node.put("guarantee", guarantee);
            ObjectNode variants = node.putObject("variants");
            for (String variant : List.of(RunResult.PASS_THROUGH, RunResult.GOLD)) {
                List<RunResult> selected = select(runs, variant, guarantee);
                if (!selected.isEmpty()) {
                    variants.set(variant, summary(selected));
                }
            }
            node.put("ratioGoldToPassThrough", ratio(runs, guarantee));
            node.set("roundRatios", JSON.valueToTree(roundRatios(runs, guarantee)));
            LatencyResult latencyResult = latency.get(guarantee);
            if (latencyResult != null) {
                node.set("latency", JSON.valueToTree(latencyResult));
            }
        }
        if (scaleInput != null) {
            ObjectNode scale = root.putObject("scale");
            scale.set("input", input(scaleInput));
            ObjectNode variants = scale.putObject("variants");
            for (RunResult run : scaleRuns) {
                variants.set(run.variant(), summary(List.of(run)));
            }
            scale.put(
                    "ratioGoldToPassThrough", ratio(scaleRuns, scaleRuns.get(0).guarantee()));
        }
        return root;
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson());
    }

    private static ObjectNode input(InputSet input) {
        ObjectNode node = JSON.createObjectNode();
        node.put("events", input.events());
        node.put("users", input.users());
        node.put("seed", input.seed());
        node.put("loadSeconds", input.loadSeconds());
        node.set("perStream", JSON.valueToTree(input.perTopic()));
        return node;
    }

    private static ObjectNode summary(List<RunResult> runs) {
        ObjectNode node = JSON.createObjectNode();
        node.set("eventsPerSecond", stats(stats(runs, RunResult::eventsPerSecond)));
        node.set("seconds", stats(stats(runs, RunResult::seconds)));
        node.set("runningEventsPerSecond", stats(stats(runs, RunResult::runningEventsPerSecond)));
        node.set("startupSeconds", stats(stats(runs, RunResult::startupSeconds)));
        node.set("processCpuSecondsPerMillionEvents", stats(stats(runs, RunResult::processCpuSecondsPerMillion)));
        node.set("streamsCpuSecondsPerMillionEvents", stats(stats(runs, RunResult::streamsCpuSecondsPerMillion)));
        ObjectNode groups = node.putObject("cpuSecondsPerMillionEventsByThreadGroup");
        for (String group : runs.get(0).cpuSecondsByThreadGroup().keySet()) {
            groups.set(
                    group,
                    stats(stats(
                            runs, run -> run.cpuSecondsPerMillionByThreadGroup().getOrDefault(group, 0.0))));
        }
        node.set("peakHeapBytes", stats(stats(runs, run -> run.peakHeapBytes())));
        node.set("maxHeapAfterGcBytes", stats(stats(runs, run -> run.maxHeapAfterGcBytes())));
        node.set("liveHeapAtEndBytes", stats(stats(runs, run -> run.liveHeapAtEndBytes())));
        node.set("stateBytes", stats(stats(runs, run -> run.stateBytes())));
        node.set("stateBytesPerUser", stats(stats(runs, RunResult::stateBytesPerUser)));
        node.set("changelogBytes", stats(stats(runs, run -> run.changelogBytes())));
        node.set("rounds", JSON.valueToTree(runs));
        return node;
    }

    private static ObjectNode stats(Stats stats) {
        ObjectNode node = JSON.createObjectNode();
        node.put("median", stats.median());
        node.put("min", stats.min());
        node.put("max", stats.max());
        node.put("spreadPercent", stats.spreadPercent());
        node.put("n", stats.n());
        return node;
    }

    // ---- console

    void print(PrintWriter out) {
        out.println();
        out.printf(
                Locale.ROOT,
                "zoom-metering-tools bench: %,d events, %,d users, seed %d; %s%n",
                input.events(),
                input.users(),
                input.seed(),
                settings);
        for (String guarantee : guarantees(runs)) {
            List<RunResult> pass = select(runs, RunResult.PASS_THROUGH, guarantee);
            List<RunResult> gold = select(runs, RunResult.GOLD, guarantee);
            out.println();
            out.printf(Locale.ROOT, "%-40s %18s %18s%n", guarantee, RunResult.PASS_THROUGH, RunResult.GOLD);
            row(out, "events/s, median", pass, gold, RunResult::eventsPerSecond, "%,.0f");
            row(out, "events/s, min", pass, gold, RunResult::eventsPerSecond, "%,.0f", Stats::min);
            row(out, "events/s, max", pass, gold, RunResult::eventsPerSecond, "%,.0f", Stats::max);
            row(out, "events/s once RUNNING, median", pass, gold, RunResult::runningEventsPerSecond, "%,.0f");
            row(out, "start-up s (to RUNNING), median", pass, gold, RunResult::startupSeconds, "%.1f");
            row(out, "CPU s per M events (process)", pass, gold, RunResult::processCpuSecondsPerMillion, "%.1f");
            for (String group :
                    List.of(ResourceMeter.STREAMS, ResourceMeter.BROKER, ResourceMeter.NATIVE, ResourceMeter.BENCH)) {
                row(
                        out,
                        "  of which " + group,
                        pass,
                        gold,
                        run -> run.cpuSecondsPerMillionByThreadGroup().getOrDefault(group, 0.0),
                        "%.1f");
            }
            row(out, "peak heap MB (max)", pass, gold, run -> run.peakHeapBytes() / 1048576.0, "%,.0f", Stats::max);
            row(
                    out,
                    "heap after GC MB (max)",
                    pass,
                    gold,
                    run -> run.maxHeapAfterGcBytes() / 1048576.0,
                    "%,.0f",
                    Stats::max);
            row(
                    out,
                    "live heap MB at the end (full GC)",
                    pass,
                    gold,
                    run -> run.liveHeapAtEndBytes() / 1048576.0,
                    "%,.0f");
            row(out, "state on disk MB", pass, gold, run -> run.stateBytes() / 1048576.0, "%,.1f");
            row(out, "state bytes per user", pass, gold, RunResult::stateBytesPerUser, "%,.0f");
            row(out, "changelog MB on the broker", pass, gold, run -> run.changelogBytes() / 1048576.0, "%,.1f");
            out.printf(
                    Locale.ROOT,
                    "%-40s %37.2f   (rounds: %s)%n",
                    "ratio gold / pass-through (medians)",
                    ratio(runs, guarantee),
                    format(roundRatios(runs, guarantee)));
            LatencyResult l = latency.get(guarantee);
            if (l != null) {
                String label = String.format(Locale.ROOT, "latency at %,.0f events/s, ms p50/p99/max", l.targetRate());
                out.printf(
                        Locale.ROOT,
                        "%-40s %37s%n",
                        label,
                        String.format(Locale.ROOT, "%.0f / %.0f / %.0f", l.p50Ms(), l.p99Ms(), l.maxMs()));
            }
        }
        if (scaleInput != null) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "scale: %,d events, %,d users (%s)%n",
                    scaleInput.events(),
                    scaleInput.users(),
                    scaleRuns.get(0).guarantee());
            List<RunResult> pass =
                    select(scaleRuns, RunResult.PASS_THROUGH, scaleRuns.get(0).guarantee());
            List<RunResult> gold =
                    select(scaleRuns, RunResult.GOLD, scaleRuns.get(0).guarantee());
            row(out, "events/s", pass, gold, RunResult::eventsPerSecond, "%,.0f");
            row(out, "peak heap MB", pass, gold, run -> run.peakHeapBytes() / 1048576.0, "%,.0f");
            row(
                    out,
                    "live heap MB at the end (full GC)",
                    pass,
                    gold,
                    run -> run.liveHeapAtEndBytes() / 1048576.0,
                    "%,.0f");
            row(out, "state on disk MB", pass, gold, run -> run.stateBytes() / 1048576.0, "%,.1f");
            row(out, "state bytes per user", pass, gold, RunResult::stateBytesPerUser, "%,.0f");
            row(out, "changelog MB on the broker", pass, gold, run -> run.changelogBytes() / 1048576.0, "%,.1f");
            out.printf(
                    Locale.ROOT,
                    "%-40s %37.2f%n",
                    "ratio gold / pass-through",
                    ratio(scaleRuns, scaleRuns.get(0).guarantee()));
        }
        out.flush();
    }

    private static void row(
            PrintWriter out,
            String label,
            List<RunResult> pass,
            List<RunResult> gold,
            ToDoubleFunction<RunResult> value,
            String format) {
        row(out, label, pass, gold, value, format, Stats::median);
    }

    private static void row(
            PrintWriter out,
            String label,
            List<RunResult> pass,
            List<RunResult> gold,
            ToDoubleFunction<RunResult> value,
            String format,
            java.util.function.ToDoubleFunction<Stats> pick) {
        out.printf(
                Locale.ROOT,
                "%-40s %18s %18s%n",
                label,
                cell(pass, value, format, pick),
                cell(gold, value, format, pick));
    }

    private static String cell(
            List<RunResult> runs, ToDoubleFunction<RunResult> value, String format, ToDoubleFunction<Stats> pick) {
        return runs.isEmpty() ? "-" : String.format(Locale.ROOT, format, pick.applyAsDouble(stats(runs, value)));
    }

    private static String format(List<Double> ratios) {
        return String.join(
                ", ",
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
    }

    // ---- shared

    private static List<String> guarantees(List<RunResult> runs) {
        return runs.stream().map(RunResult::guarantee).distinct().toList();
    }

    private static List<RunResult> select(List<RunResult> runs, String variant, String guarantee) {
        return runs.stream()
                .filter(run -> run.variant().equals(variant) && run.guarantee().equals(guarantee))
                .toList();
    }

    private static Stats stats(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        return Stats.of(runs.stream().map(run -> value.applyAsDouble(run)).toList());
    }

    private static double ratio(List<RunResult> runs, String guarantee) {
        double pass = stats(select(runs, RunResult.PASS_THROUGH, guarantee), RunResult::eventsPerSecond)
                .median();
        double gold = stats(select(runs, RunResult.GOLD, guarantee), RunResult::eventsPerSecond)
                .median();
        return gold / pass;
    }

    /** Gold's rate over the pass-through's, round by round (the two ran back to back). */
    private static List<Double> roundRatios(List<RunResult> runs, String guarantee) {
        List<Double> ratios = new ArrayList<>();
        for (RunResult gold : select(runs, RunResult.GOLD, guarantee)) {
            select(runs, RunResult.PASS_THROUGH, guarantee).stream()
                    .filter(pass -> pass.round() == gold.round())
                    .findFirst()
                    .ifPresent(pass -> ratios.add(gold.eventsPerSecond() / pass.eventsPerSecond()));
        }
        return ratios;
    }

    /** The machine: processors, memory, CPU model, JVM and its flags. */
    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("memoryBytes", os.getTotalMemorySize());
        machine.put("cpuModel", cpuModel());
        machine.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
