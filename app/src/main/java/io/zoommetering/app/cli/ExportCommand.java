package io.zoommetering.app.cli;

import io.zoommetering.app.events.ClientConfig;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: the latest value per key of gold topics, as JSON Lines. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        showDefaultValues = true,
        description = {
            "Reads topics from the beginning to their current end (committed records only) and writes what a sink "
                    + "that keeps the latest value per key would hold: one JSON line per key, sorted by key, in the "
                    + "event-file format of SPEC section 5 with the key as a JSON object of its fields. Tombstones "
                    + "delete their key; a value that does not decode is written as value_base64. Keys and values are "
                    + "decoded with the Schema Registry."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  export --bootstrap-servers localhost:9092 \\",
            "         --schema-registry http://localhost:8081 --to-file gold.jsonl",
            "  export --bootstrap-servers localhost:9092 \\",
            "         --schema-registry http://localhost:8081 --topics gold.mrr,gold.overage"
        })
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            required = true,
            description = "The cluster to read.")
    private String bootstrapServers;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            required = true,
            description = "Schema Registry of the records: http(s)://... or mock://<scope> (in-process only).")
    private String schemaRegistry;

    @Option(
            names = "--topics",
            paramLabel = "TOPIC",
            split = ",",
            description = "Topics to export. Default: every gold output (under the configured names).")
    private List<String> topics;

    @Option(
            names = "--to-file",
            paramLabel = "PATH",
            defaultValue = "-",
            description = "Write to this file ('-': standard output).")
    private String toFile;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "Give up when the end of the topics is not reached in this time.")
    private Duration timeout;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties: zm.topic.* topic names, Kafka client and registry client settings.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        ClientConfig client = ClientConfig.load(config);
        TopicTypes types = client.topics();
        List<String> chosen = topics == null || topics.isEmpty() ? types.goldOutputs() : topics;
        GoldExport export = new GoldExport(
                client.kafka(GoldExport.consumerProperties(bootstrapServers)), client.registry(schemaRegistry), types);
        PrintWriter err = spec.commandLine().getErr();
        long lines;
        if ("-".equals(toFile)) {
            PrintWriter out = spec.commandLine().getOut();
            lines = export.export(chosen, out, timeout);
            out.flush();
        } else {
            lines = export.export(chosen, Path.of(toFile), timeout);
        }
        err.printf(
                "Exported %d keys of %d topics to %s%n", lines, chosen.size(), "-".equals(toFile) ? "stdout" : toFile);
        err.flush();
        return 0;
    }
}
