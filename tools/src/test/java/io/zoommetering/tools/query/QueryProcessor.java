package io.zoommetering.tools.query;

import io.zoommetering.app.cli.RunCommand;
import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.http.AppMetrics;
import io.zoommetering.app.http.HttpEndpoints;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.topology.config.MeteringConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One processor in this JVM as {@code run} wires it: the topology in Kafka Streams, with its HTTP endpoints (query
 * API and dashboard) on a free port, advertised as {@code application.server} when asked.
 */
final class QueryProcessor implements AutoCloseable {

    private final AppMetrics metrics;
    private final MeteringApp app;
    private final HttpEndpoints http;

    private QueryProcessor(AppMetrics metrics, MeteringApp app, HttpEndpoints http) {
        this.metrics = metrics;
        this.app = app;
        this.http = http;
    }

    static AppSettings settings(
            String bootstrapServers,
            String registryUrl,
            String applicationId,
            Path stateDir,
            int port,
            boolean advertise) {
        Map<String, String> flags = new HashMap<>();
        flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        flags.put(AppConfig.SCHEMA_REGISTRY_URL, registryUrl);
        flags.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        flags.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        flags.put("num.standby.replicas", "0");
        flags.put("replication.factor", "1");
        flags.put("commit.interval.ms", "200");
        // Inputs in one partition keep the order the batch reference computes in (as one task reads them); the
        // account stage and the combiners in two, which two instances share.
        flags.put(AppConfig.TOPICS_PARTITIONS, "1");
        flags.put(MeteringConfig.ACCOUNT_PARTITIONS, "2");
        flags.put(AppConfig.TOPICS_REPLICATION, "1");
        flags.put("zm.emit.interval.ms", "250");
        flags.put(AppConfig.HTTP_PORT, Integer.toString(port));
        if (advertise) {
            flags.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + port);
        }
        return AppSettings.load(StreamsDefaults.production(), null, Map.of(), flags);
    }

    /** Prepares the topics, serves HTTP and starts processing; returns at once. */
    static QueryProcessor start(AppSettings settings, SchemaRegistryClient registry) {
        AppMetrics metrics = new AppMetrics();
        MeteringApp app = new MeteringApp(settings, registry, metrics.registry());
        app.prepare();
        HttpEndpoints http = RunCommand.startHttp(settings.app(), metrics, app);
        app.start();
        return new QueryProcessor(metrics, app, http);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The progress of the application's consumer group, for waiting until everything produced is processed. */
    static ProcessingProgress progress(AppSettings settings, SchemaRegistryClient registry) {
        List<String> sources;
        try (MeteringApp described = new MeteringApp(settings, registry, null)) {
            sources = described.sourceTopics();
        }
        List<String> outputs = TopicTypes.defaults().goldOutputs().stream()
                .filter(topic -> !topic.equals("gold.audit.process"))
                .toList();
        return new ProcessingProgress(
                Admin.create(settings.clientSettings()), settings.applicationId(), sources, outputs);
    }

    MeteringApp app() {
        return app;
    }

    String base() {
        return "http://127.0.0.1:" + http.port();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            http.close();
            metrics.close();
        }
    }
}
