package io.zoommetering.app.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.zoommetering.app.access.AccessCheck;
import io.zoommetering.app.access.RequiredAccess;
import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.http.MicrometerObserver;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.StartupException;
import io.zoommetering.app.topics.TopicProvisioner;
import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryException;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.audit.MeteringObserver;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.errors.Outages;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor as a running thing: the gold topology (built by {@link GoldTopology}, never here) inside a
 * {@link KafkaStreams} client, with its topics, metrics and lifecycle. {@code run}, {@code demo} and the tests
 * all wire it the same way.
 *
 * <p>A fatal error in a stream thread shuts the client down ({@code SHUTDOWN_CLIENT}) and ends
 * {@link #awaitExit()} with {@link ExitCodes#FATAL}, so that the process exits non-zero and gets restarted.
 * Local state is never wiped on start: a restart resumes from its stores and changelogs.
 */
public final class MeteringApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeteringApp.class);
    private static final long MIN_OUTAGE_PAUSE_MS = 1_000;
    private static final long MAX_OUTAGE_PAUSE_MS = 60_000;

    private final AppSettings settings;
    private final SchemaRegistryClient registry;
    private final MeterRegistry meters;
    private final TopicCatalog topics;
    private final Topology topology;
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private final AtomicReference<Throwable> fatalError = new AtomicReference<>();
    /**
     * The pause before replacing a thread stopped by a registry outage: 1 s, doubling up to a minute while failures
     * follow each other within 5 minutes (one outage), 1 s again after.
     */
    private final AtomicLong outagePauseMs = new AtomicLong(MIN_OUTAGE_PAUSE_MS);

    private final AtomicLong lastOutageNanos = new AtomicLong(System.nanoTime() - TimeUnit.HOURS.toNanos(1));
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private ScheduledExecutorService metricsRefresh;
    private boolean closed;

    /**
     * @param meters where Kafka Streams' metrics and the intake's counters ({@link MicrometerObserver}) are bound;
     *               may be null
     */
    public MeteringApp(AppSettings settings, SchemaRegistryClient registry, MeterRegistry meters) {
        this.settings = settings;
        this.registry = registry;
        this.meters = meters;
        RegistryAvroSerdes serdes = RegistryAvroSerdes.of(registry);
        this.topics = new TopicCatalog(settings.metering(), serdes);
        MeteringObserver observer = meters == null
                ? MeteringObserver.NONE
                : new MicrometerObserver(
                        meters, settings.applicationId(), settings.metering().reportingZone(), Clock.systemUTC());
        this.topology = GoldTopology.build(settings.metering(), serdes, settings.streams(), observer);
    }

    public TopicCatalog topics() {
        return topics;
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Every topic the processor's consumer group reads, internal repartition topics under their full names
     * ({@code <application.id>-<name>}); the global plan catalog, read without a group, is not among them.
     */
    public List<String> sourceTopics() {
        Set<String> external = new TreeSet<>();
        topics.inputs().forEach(topic -> external.add(topic.name()));
        List<String> sources = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    for (String topic : source.topicSet()) {
                        sources.add(external.contains(topic) ? topic : settings.applicationId() + "-" + topic);
                    }
                }
            }
        }
        return sources;
    }

    public AppSettings settings() {
        return settings;
    }

    /**
     * Fails fast with a clear message when the Schema Registry or the Kafka cluster cannot be reached, and
     * creates the missing topics when {@code zm.topics.create} is on.
     */
    public void prepare() {
        checkRegistry();
        try (Admin admin = Admin.create(settings.clientSettings())) {
            checkKafka(admin);
            if (settings.app().createTopics()) {
                TopicProvisioner.createMissing(
                        admin,
                        TopicProvisioner.plan(topics, settings.app()),
                        settings.app().startupTimeout());
            }
            new AccessCheck(admin, settings.app().startupTimeout())
                    .verify(
                            RequiredAccess.of(
                                    topics,
                                    settings.applicationId(),
                                    settings.app().createTopics()),
                            principal());
        }
    }

    /** Starts processing; returns at once. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        streams = new KafkaStreams(topology, settings.streamsWithHandlerSettings());
        streams.setUncaughtExceptionHandler(error -> {
            if (Outages.isOutage(error)) {
                return replaceAfterOutage(error);
            }
            fatalError.compareAndSet(null, error);
            AccessCheck.denial(error).ifPresent(denial -> LOG.error("{}", denial));
            LOG.error("Fatal error in the processor; shutting this instance down", error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setGlobalStateRestoreListener(new RestoreLog());
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                Throwable cause = fatalError.get();
                exit.completeExceptionally(cause != null ? cause : new IllegalStateException("Kafka Streams failed"));
            }
        });
        if (meters != null) {
            metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "streams-metrics-refresh");
                thread.setDaemon(true);
                return thread;
            });
            // New task-level meters (the topology's counters among them) appear within the refresh interval.
            streamsMetrics = new KafkaStreamsMetrics(
                    streams,
                    List.of(Tag.of("application", settings.applicationId())),
                    metricsRefresh,
                    Duration.ofSeconds(10));
            streamsMetrics.bindTo(meters);
        }
        streams.start();
    }

    /**
     * The Schema Registry could not be reached for a record: not the record's fault, and not a reason to stop the
     * process. The stream thread is replaced after a pause that doubles while the outage lasts; the new thread
     * resumes from the last committed transaction (exactly_once_v2 aborted the open one), so nothing is lost or
     * counted twice.
     */
    private StreamThreadExceptionResponse replaceAfterOutage(Throwable error) {
        long now = System.nanoTime();
        boolean sameOutage = now - lastOutageNanos.getAndSet(now) < TimeUnit.MINUTES.toNanos(5);
        long pause = outagePauseMs.updateAndGet(
                previous -> sameOutage ? Math.min(MAX_OUTAGE_PAUSE_MS, previous * 2) : MIN_OUTAGE_PAUSE_MS);
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        LOG.warn(
                "The Schema Registry is unreachable ({}); the stream thread is replaced in {} ms and resumes from"
                        + " the last commit",
                cause.getMessage(),
                pause);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /** The Streams client, for interactive queries and metrics; null before {@link #start()}. */
    public synchronized KafkaStreams streams() {
        return streams;
    }

    /** Asks {@link #awaitExit()} to return {@link ExitCodes#OK}; the caller then closes. */
    public void requestStop() {
        exit.complete(null);
    }

    /** Blocks until a stop is requested ({@link ExitCodes#OK}) or the processor failed ({@link ExitCodes#FATAL}). */
    public int awaitExit() {
        try {
            exit.join();
            return ExitCodes.OK;
        } catch (CompletionException e) {
            return ExitCodes.FATAL;
        }
    }

    /** Waits until the state is RUNNING, or fails; for callers that need the processor up before going on. */
    public void awaitRunning(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning()) {
            if (exit.isCompletedExceptionally()) {
                throw new IllegalStateException("the processor failed while starting", fatalError.get());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Kafka Streams is " + state() + " after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Throwable fatalError() {
        return fatalError.get();
    }

    @Override
    public void close() {
        close(settings.app().shutdownTimeout());
    }

    /** Closes Kafka Streams, waiting at most {@code timeout} for it to commit and leave; idempotent. */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            boolean clean = streams.close(
                    CloseOptions.groupMembershipOperation(membershipOnClose()).withTimeout(timeout));
            if (!clean) {
                LOG.warn("Kafka Streams did not close within {}", timeout);
            }
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (metricsRefresh != null) {
            metricsRefresh.shutdownNow();
        }
        exit.complete(null);
    }

    /**
     * A dynamic member leaves the group, so that a restarted or remaining instance takes its tasks over at once
     * instead of after the session timeout. A static member ({@code group.instance.id}, the pod name) stays: it is
     * stopped to be started again under the same id (a rolling restart, a rescheduled pod), and when it is back
     * within the session timeout it resumes its own tasks on its own state, with no rebalance of the others.
     */
    private CloseOptions.GroupMembershipOperation membershipOnClose() {
        return staticMember(settings.streams())
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    /** True when the instance has a stable {@code group.instance.id} (plain or for the main consumer). */
    static boolean staticMember(Properties streams) {
        return isSet(streams.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                || isSet(streams.getProperty(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
                || isSet(streams.getProperty(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private void checkRegistry() {
        try {
            registry.getById(1);
        } catch (SchemaNotFoundException e) {
            // It answered: reachable, and simply does not hold id 1 (yet).
        } catch (SchemaRegistryException e) {
            throw new StartupException(
                    "The Schema Registry at " + settings.app().schemaRegistryUrls()
                            + " is unreachable or refused the client: " + e.getMessage(),
                    ExitCodes.UNAVAILABLE,
                    e);
        }
    }

    private void checkKafka(Admin admin) {
        Duration timeout = settings.app().startupTimeout();
        try {
            admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .clusterId()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while connecting to Kafka", ExitCodes.UNAVAILABLE, e);
        } catch (ExecutionException e) {
            throw new StartupException(refusal(e.getCause()), ExitCodes.UNAVAILABLE, e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException(
                    "The Kafka cluster at " + settings.clientSettings().get("bootstrap.servers")
                            + " did not answer within " + timeout + ": " + e.getMessage(),
                    ExitCodes.UNAVAILABLE,
                    e);
        }
    }

    /** Why the cluster refused this client, with the settings to check; the broker's messages carry no secret. */
    private String refusal(Throwable cause) {
        Map<String, Object> client = settings.clientSettings();
        String cluster = "The Kafka cluster at " + client.get("bootstrap.servers");
        if (cause instanceof SslAuthenticationException) {
            return cluster + " failed the TLS handshake (security.protocol " + client.get("security.protocol")
                    + "; check ssl.truststore.location and ssl.truststore.type, and that the broker's certificate"
                    + " names the host): " + cause.getMessage();
        }
        if (cause instanceof AuthenticationException) {
            return cluster + " refused the login of " + principal() + " (sasl.mechanism "
                    + client.getOrDefault("sasl.mechanism", "GSSAPI") + "; check " + AppConfig.KAFKA_SASL_USERNAME
                    + " and its password in " + AppConfig.KAFKA_SASL_PASSWORD_FILE
                    + " or ZM_KAFKA_SASL_PASSWORD, or sasl.jaas.config): " + cause.getMessage();
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return cluster + " did not answer within " + settings.app().startupTimeout() + ": " + cause.getMessage();
        }
        return cluster + " refused the client: " + cause;
    }

    /** The login as operators know it: "user metering", or "this client" when not set by zm.kafka.sasl.username. */
    private String principal() {
        String username = settings.app().kafkaSaslUsername();
        return username.isBlank() ? "this client" : "user " + username;
    }

    /** The settings of plain clients of this cluster, for callers that produce or consume beside the processor. */
    public Map<String, Object> clientSettings() {
        return settings.clientSettings();
    }
}
