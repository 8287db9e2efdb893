package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.app.access.RequiredAccess;
import io.zoommetering.app.access.RequiredAccess.Grant;
import io.zoommetering.app.config.AppConfig;
import io.zoommetering.app.config.AppSettings;
import io.zoommetering.app.config.StreamsDefaults;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.app.processor.MeteringApp;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.topics.TopicProvisioner;
import io.zoommetering.tools.demo.ProcessingProgress;
import io.zoommetering.tools.demo.Replay;
import io.zoommetering.tools.demo.SequencedTimestamps;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.testing.AppProcess;
import io.zoommetering.tools.testing.ReferenceRun;
import io.zoommetering.tools.testing.RestRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoom-metering run} against a broker that only lets it in over SASL_SSL (SCRAM-SHA-512 over TLS) and
 * authorizes every request (StandardAuthorizer, nothing allowed without an ACL): granted exactly
 * {@link RequiredAccess} and nothing else, it counts a set exactly as the batch reference does; a wrong password
 * and missing ACLs stop it at start-up with exit code 3 and a message naming what to fix, never the password.
 *
 * <p>The broker's own listeners (inter-broker, controller) are plaintext and their principal ANONYMOUS is a super
 * user: that is the test's side door for creating users, ACLs and topics, producing input and reading the gold
 * topics. The processor only ever uses the SASL_SSL listener.
 */
@Tag("integration")
class SecurityIT {

    private static final String SECURE = "SECURE";
    private static final String USER = "metering";
    private static final String PASSWORD = "s3cret-\"scram\"-" + UUID.randomUUID();
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    @TempDir
    static Path tls;

    private static KafkaClusterTestKit cluster;
    private static RestRegistry registry;
    private static Admin admin;
    private static Path caCertificate;
    private static TopicCatalog catalog;

    @BeforeAll
    static void startCluster() throws Exception {
        String storePassword = UUID.randomUUID().toString();
        Path keystore = tls.resolve("broker.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                storePassword,
                "-keypass",
                storePassword);
        caCertificate = tls.resolve("ca.crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                storePassword,
                "-file",
                caCertificate.toString());
        String secure = "listener.name." + SECURE.toLowerCase(java.util.Locale.ROOT) + ".";
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp(
                        "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0," + SECURE + "://localhost:0")
                .setConfigProp(
                        "listener.security.protocol.map",
                        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SECURE + ":SASL_SSL")
                .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .setConfigProp(
                        secure + "scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .setConfigProp(secure + "ssl.keystore.type", "PKCS12")
                .setConfigProp(secure + "ssl.keystore.location", keystore.toString())
                .setConfigProp(secure + "ssl.keystore.password", storePassword)
                .setConfigProp(secure + "ssl.key.password", storePassword)
                .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("super.users", "User:ANONYMOUS")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        registry = RestRegistry.start();
        catalog = new TopicCatalog(new MeteringConfig(Map.of()), RegistryAvroSerdes.of(registry.client()));
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        addUser(USER);
        // Made beforehand, as on a cluster where the processor may not create topics (zm.topics.create=false); one
        // partition per input, so that each stream is processed in the order the batch reference reads it
        Map<String, String> topics = Map.of(AppConfig.TOPICS_PARTITIONS, "1", AppConfig.TOPICS_REPLICATION, "1");
        TopicProvisioner.createMissing(
                admin, TopicProvisioner.plan(catalog, new AppConfig(topics)), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldExitThreeNamingTheRefusedLoginAndNeverThePassword(@TempDir Path dir) throws Exception {
        // Given a processor whose password, from the environment, is not the user's
        String wrong = "wrong-" + PASSWORD;
        Path settings = settings(dir, "wrong-login-" + UUID.randomUUID(), USER, false);

        // When it starts
        try (AppProcess app = AppProcess.start(
                AppProcess.PROCESSOR_JAR,
                dir.resolve("app.log"),
                Map.of("ZM_KAFKA_SASL_USERNAME", USER, "ZM_KAFKA_SASL_PASSWORD", wrong),
                "run",
                "--config",
                settings.toString())) {
            // Then it exits 3, saying the cluster refused the login of this user and what to check
            assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(app.output())
                    .contains("refused the login of user " + USER, "SCRAM-SHA-512", "ZM_KAFKA_SASL_PASSWORD")
                    .doesNotContain(wrong)
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldExitThreeNamingEachMissingPermission(@TempDir Path dir) throws Exception {
        // Given a user granted every ACL the processor needs but the transactional ids' and the error topic's
        String user = "partial";
        addUser(user);
        String applicationId = "denied-" + UUID.randomUUID();
        List<Grant> required = RequiredAccess.of(catalog, applicationId, false);
        List<Grant> granted = required.stream()
                .filter(grant -> grant.resource().resourceType() != ResourceType.TRANSACTIONAL_ID)
                .filter(grant -> !grant.resource().name().equals(catalog.auditErrors.name()))
                .toList();
        assertThat(granted).hasSize(required.size() - 2);
        grant(granted, user);

        // When the processor starts as that user, its password from a file
        try (AppProcess app = AppProcess.start(
                AppProcess.PROCESSOR_JAR,
                dir.resolve("app.log"),
                "run",
                "--config",
                settings(dir, applicationId, user, true).toString())) {
            // Then it exits 3 at start-up, naming both missing permissions
            assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(app.output())
                    .contains(
                            "Kafka denies user " + user,
                            "WRITE on topic " + catalog.auditErrors.name(),
                            "WRITE on transactional ids starting with " + applicationId + "-")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldCountExactlyAsTheReferenceWithExactlyTheDocumentedAcls(@TempDir Path dir) throws Exception {
        // Given a set the batch reference computes, and a user granted exactly the ACLs the processor needs
        ReferenceRun run = ReferenceRun.largestOf(LongStream.rangeClosed(1, 8));
        String applicationId = "secure-" + UUID.randomUUID();
        grant(RequiredAccess.of(catalog, applicationId, false), USER);
        Path settings = settings(dir, applicationId, USER, true);
        ProcessingProgress progress = progress(settings);

        // When the processor runs over SASL_SSL while the set is produced, catalog first
        try (AppProcess app = AppProcess.start(
                        AppProcess.PROCESSOR_JAR, dir.resolve("app.log"), "run", "--config", settings.toString());
                EventProducer producer = new EventProducer(
                        SequencedTimestamps.wrap(
                                new KafkaProducer<>(EventProducer.properties(cluster.bootstrapServers())),
                                Instant.now().toEpochMilli() - 100_000),
                        registry.client())) {
            for (List<EventRecord> part : Replay.parts(run.records(), catalog.plans.name())) {
                producer.produce(part);
                progress.awaitIdle(Duration.ofSeconds(1), PROCESSING, Duration.ofMillis(100), () -> !app.isAlive());
            }
            assertThat(app.isAlive()).as(app.output()).isTrue();

            // Then every gold table equals the batch reference, and each rejected record is an error record
            Map<String, Map<SpecificRecord, Map<String, Object>>> tables = goldTables();
            for (String table : GoldReference.TABLES) {
                assertThat(tables.getOrDefault(table, Map.of()))
                        .as(table)
                        .isEqualTo(run.reference().table(table));
            }
            assertThat(ReferenceRun.errorsOf(tables.getOrDefault(catalog.auditErrors.name(), Map.of())))
                    .containsExactlyInAnyOrderElementsOf(run.expectedErrors());
            // and the repartition topics were purged once committed (DELETE on the internal topics works)
            assertThat(purged(applicationId))
                    .as("records purged from the repartition topics")
                    .isPositive();
            assertThat(app.stop(Duration.ofSeconds(60))).as(app.output()).isZero();
            assertThat(app.output()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("denied");
        } finally {
            progress.close();
        }
    }

    private static void addUser(String user) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                        user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static void grant(List<Grant> grants, String user) throws Exception {
        admin.createAcls(RequiredAccess.aclsFor(grants, "User:" + user)).all().get(30, TimeUnit.SECONDS);
    }

    /** The processor's settings: the SASL_SSL listener, the user's password in a file, topics made beforehand. */
    private static Path settings(Path dir, String applicationId, String user, boolean passwordFile) throws Exception {
        Path password = Files.writeString(dir.resolve("kafka-password"), PASSWORD + "\n", StandardCharsets.UTF_8);
        int port = cluster.brokers().values().iterator().next().boundPort(new ListenerName(SECURE));
        return Files.writeString(
                dir.resolve("zoom-metering.properties"),
                String.join(
                        "\n",
                        "bootstrap.servers=localhost:" + port,
                        "security.protocol=SASL_SSL",
                        "ssl.truststore.type=PEM",
                        "ssl.truststore.location=" + caCertificate,
                        "zm.kafka.sasl.username=" + user,
                        passwordFile ? "zm.kafka.sasl.password.file=" + password : "",
                        "schema.registry.url=" + registry.url(),
                        "application.id=" + applicationId,
                        "state.dir=" + dir.resolve("state"),
                        "num.standby.replicas=0",
                        "replication.factor=1",
                        "commit.interval.ms=200",
                        "repartition.purge.interval.ms=500",
                        "zm.topics.create=false",
                        "zm.http.port=-1",
                        "zm.emit.interval.ms=250",
                        ""),
                StandardCharsets.UTF_8);
    }

    private static ProcessingProgress progress(Path settings) {
        AppSettings loaded = AppSettings.load(StreamsDefaults.production(), settings, Map.of(), Map.of());
        List<String> sources;
        try (MeteringApp described = new MeteringApp(loaded, registry.client(), null)) {
            sources = described.sourceTopics();
        }
        List<String> outputs = TopicTypes.defaults().goldOutputs().stream()
                .filter(topic -> !topic.equals(catalog.auditProcess.name()))
                .toList();
        return new ProcessingProgress(
                Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers())),
                loaded.applicationId(),
                sources,
                outputs);
    }

    /** Records deleted from the start of the processor's repartition topics. */
    private static long purged(String applicationId) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(admin.listTopics().names().get().stream()
                        .filter(topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"))
                        .toList())
                .allTopicNames()
                .get()
                .values()) {
            description
                    .partitions()
                    .forEach(partition -> request.put(
                            new TopicPartition(description.name(), partition.partition()), OffsetSpec.earliest()));
        }
        assertThat(request).as("repartition topics").isNotEmpty();
        return admin.listOffsets(request).all().get().values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    private static Map<String, Map<SpecificRecord, Map<String, Object>>> goldTables() {
        GoldExport export = new GoldExport(
                GoldExport.consumerProperties(cluster.bootstrapServers()), registry.client(), TopicTypes.defaults());
        List<String> topics = new ArrayList<>(GoldReference.TABLES);
        topics.add(catalog.auditErrors.name());
        Map<String, Map<SpecificRecord, Map<String, Object>>> tables = new HashMap<>();
        export.read(topics, Duration.ofSeconds(60)).forEach((topic, rows) -> {
            Map<SpecificRecord, Map<String, Object>> table = new HashMap<>();
            rows.forEach((key, value) ->
                    table.put((SpecificRecord) key, ReferenceRun.withoutLineage((SpecificRecord) value)));
            tables.put(topic, table);
        });
        return tables;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as("keytool %s%n%s", String.join(" ", args), output)
                .isZero();
    }
}
