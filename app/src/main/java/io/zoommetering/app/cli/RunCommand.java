package io.zoommetering.app.cli;

import com.sun.net.httpserver.HttpHandler;
import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.http.AppMetrics;
import io.zoommetering.app.http.HttpEndpoints;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.app.query.DashboardAssets;
import io.zoommetering.app.query.QueryApi;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.Signals;
import io.zoommetering.app.runtime.StartupException;
import io.zoommetering.serdes.registry.SchemaRegistryClients;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zoom-metering run}: the processor against an existing Kafka cluster and Schema Registry. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the metering processor against an existing Kafka cluster and Schema Registry.",
            "Settings: code defaults < --config file < environment (KAFKA_*, ZM_*, SCHEMA_REGISTRY_*) < flags.",
            "Exit codes: 0 stopped by SIGTERM/Ctrl-C, 1 fatal processing error, 2 bad settings,"
                    + " 3 Kafka or the Schema Registry unreachable at start-up, or Kafka refusing the login or an ACL."
        })
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final Map<String, String> environment;

    @Mixin
    SettingsOptions options;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka bootstrap.servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "schema.registry.url.")
    String schemaRegistryUrl;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            description = "Kafka Streams application.id (consumer group, internal topic prefix).")
    String applicationId;

    @Option(names = "--http-port", paramLabel = "PORT", description = "zm.http.port: 0 any free port, -1 none.")
    Integer httpPort;

    public RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        AppSettings settings =
                AppSettings.load(StreamsDefaults.production(), options.configFile(), environment, flags());
        try (AppMetrics metrics = new AppMetrics();
                MeteringApp app = new MeteringApp(
                        settings, SchemaRegistryClients.fromConfig(settings.registry()), metrics.registry())) {
            try (HttpEndpoints http = startHttp(settings.app(), metrics, app)) {
                app.prepare();
                Thread hook = new Thread(app::close, "zoom-metering-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                Signals.onTermination(app::requestStop);
                app.start();
                int code = app.awaitExit();
                if (code != ExitCodes.OK) {
                    LOG.error("The processor failed; exiting with {}", code);
                }
                app.close();
                removeHook(hook);
                return code;
            }
        }
    }

    private Map<String, String> flags() {
        Map<String, String> flags = options.flags();
        putIfSet(flags, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        putIfSet(flags, AppConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        putIfSet(flags, StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        putIfSet(flags, AppConfig.HTTP_PORT, httpPort == null ? null : httpPort.toString());
        return flags;
    }

    /** Puts {@code key} when {@code value} is set (a flag given); also {@code demo}'s. */
    public static void putIfSet(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    /** The HTTP endpoints of {@code app}, or null when zm.http.port is -1; also {@code demo}'s. */
    public static HttpEndpoints startHttp(AppConfig config, AppMetrics metrics, MeteringApp app) {
        return startHttp(
                config,
                metrics,
                app::isRunning,
                () -> app.state().name(),
                Map.of(
                        QueryApi.PREFIX,
                        new QueryApi(app, metrics.registry(), Clock.systemUTC()),
                        "/",
                        new DashboardAssets()));
    }

    /** The HTTP endpoints, or null when zm.http.port is -1. */
    public static HttpEndpoints startHttp(
            AppConfig config, AppMetrics metrics, BooleanSupplier ready, Supplier<String> status) {
        return startHttp(config, metrics, ready, status, Map.of());
    }

    private static HttpEndpoints startHttp(
            AppConfig config,
            AppMetrics metrics,
            BooleanSupplier ready,
            Supplier<String> status,
            Map<String, HttpHandler> handlers) {
        if (config.httpPort() < 0) {
            return null;
        }
        try {
            HttpEndpoints http =
                    HttpEndpoints.start(config.httpHost(), config.httpPort(), metrics, ready, status, handlers);
            LOG.info(
                    "Metrics and health on http://{}:{}/ (/metrics, /health/live, /health/ready{})",
                    config.httpHost(),
                    http.port(),
                    handlers.isEmpty() ? "" : "; dashboard on /, query API on " + QueryApi.PREFIX);
            return http;
        } catch (IOException e) {
            throw new StartupException(
                    "Cannot serve HTTP on " + config.httpHost() + ":" + config.httpPort() + " (" + AppConfig.HTTP_PORT
                            + "): " + e.getMessage(),
                    ExitCodes.BAD_SETTINGS,
                    e);
        }
    }

    /** Removes a shutdown hook that is no longer needed; also {@code demo}'s. */
    public static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs, and closing twice is harmless.
        }
    }
}
