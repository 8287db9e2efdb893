package io.zoommetering.tools.broker;

import io.zoommetering.tools.files.Directories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) inside this JVM, for the demo: formatted
 * like {@code kafka-storage format} does, then started as {@link KafkaRaftServer}. Its internal topics have one
 * replica, so transactions, and with them exactly-once processing, work.
 *
 * <p>With a data directory of its own choosing it keeps its log there and restarts from it (same ports when they
 * are still free); without one it uses a temporary directory and deletes it on {@link #close()}. The client port is
 * either fixed (the demo's 9092, so that outside clients find it) or any free one (tests, the benchmark).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String PORTS_FILE = "embedded-kafka-ports.properties";

    private final Path directory;
    private final boolean temporary;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path directory, boolean temporary, int brokerPort, KafkaRaftServer server) {
        this.directory = directory;
        this.temporary = temporary;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Starts a broker in a temporary directory, deleted on close. */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("zoom-metering-kafka"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker keeping its log in {@code directory}; formats it first if it is new. Any free port. */
    public static EmbeddedKafka start(Path directory) {
        return start(directory, false, 0);
    }

    /**
     * As {@link #start(Path)}, clients connecting on {@code brokerPort} (0: the last start's port in this directory
     * while free, else any free one).
     *
     * @throws IllegalStateException when {@code brokerPort} is taken
     */
    public static EmbeddedKafka start(Path directory, int brokerPort) {
        return start(directory, false, brokerPort);
    }

    private static EmbeddedKafka start(Path directory, boolean temporary) {
        return start(directory, temporary, 0);
    }

    private static EmbeddedKafka start(Path directory, boolean temporary, int brokerPort) {
        try {
            Path logDir = directory.toAbsolutePath().resolve("kafka-logs");
            Files.createDirectories(logDir);
            int[] ports = ports(directory, brokerPort);
            Properties props = brokerProperties(logDir, ports[0], ports[1]);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(directory, temporary, ports[0], server);
            try {
                kafka.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            LOG.info("Embedded Kafka ready at {} (data in {})", kafka.bootstrapServers(), logDir);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            Directories.deleteRecursively(directory);
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(
                "listeners",
                "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        // One node: every internal topic has one replica, so that groups and transactions work.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // Sized for a laptop, not a data centre.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return props;
    }

    private static void format(Path logDir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded Kafka's log directory " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("The embedded Kafka did not start within " + timeout, e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The embedded Kafka did not start within " + timeout);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka", e);
        }
    }

    /**
     * The broker and controller ports: {@code brokerPort} when positive, else those of the last start in this
     * directory while free, else new ones.
     */
    private static int[] ports(Path directory, int brokerPort) throws IOException {
        if (brokerPort > 0) {
            if (!isFree(brokerPort)) {
                throw new IllegalStateException("Port " + brokerPort + " of " + HOST + " is in use (another Kafka?):"
                        + " choose another with --kafka-port, 0 for any free port");
            }
            try (ServerSocket controller = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return new int[] {brokerPort, controller.getLocalPort()};
            }
        }
        Path file = directory.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            Properties saved = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                saved.load(reader);
            }
            int broker = Integer.parseInt(saved.getProperty("broker", "0"));
            int controller = Integer.parseInt(saved.getProperty("controller", "0"));
            if (isFree(broker) && isFree(controller)) {
                return new int[] {broker, controller};
            }
        }
        int[] ports = freePorts();
        Properties saved = new Properties();
        saved.setProperty("broker", Integer.toString(ports[0]));
        saved.setProperty("controller", Integer.toString(ports[1]));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            saved.store(writer, "ports of the embedded Kafka in this directory");
        }
        return ports;
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ServerSocket controller = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return new int[] {broker.getLocalPort(), controller.getLocalPort()};
        }
    }

    private static boolean isFree(int port) {
        if (port <= 0) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
