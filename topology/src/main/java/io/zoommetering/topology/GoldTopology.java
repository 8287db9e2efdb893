package io.zoommetering.topology;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.AttendanceActivity;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.usage.Attendance;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.account.AccountProcessor;
import io.zoommetering.topology.account.AccountStores;
import io.zoommetering.topology.account.MeetingTopics;
import io.zoommetering.topology.account.UpsertRouter;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.aggregate.Combiner;
import io.zoommetering.topology.aggregate.CombinerStores;
import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.audit.MeteringObserver;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.errors.DeadLetters;
import io.zoommetering.topology.intake.IntakeOutcome;
import io.zoommetering.topology.intake.IntakeProcessor;
import io.zoommetering.topology.intake.IntakeSettings;
import io.zoommetering.topology.intake.IntakeStores;
import io.zoommetering.topology.intake.StreamContract;
import io.zoommetering.topology.intake.StreamContracts;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.RowsFollower;
import io.zoommetering.topology.pii.PiiPolicy;
import io.zoommetering.topology.registry.OutputRegistry;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.AvroSerdes;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicId;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The gold topology, built from its configuration alone so that tests drive exactly what production runs.
 *
 * <pre>
 *  input topics ──intake (decode, validate, dedup, late)──┬── errors ──────────────────────► gold.audit.errors
 *                                                         └── accepted, keyed by account
 *                                                               │ repartition "by-account"
 *                                                         account ledgers (plan as of time, activity,
 *                                                         meetings, usage, billing, event totals)
 *                                                               │ changed partial aggregates, every emit interval
 *                                                               │ repartition "partials" by gold key
 *                                                         combiner (sum of partials, formulas) ──► gold.* topics
 * </pre>
 */
public final class GoldTopology {

    /** The global store of the validated plan catalog. */
    public static final String PLAN_CATALOG_STORE = "plan-catalog";

    /** The repartition of accepted records by account (topic {@code <application id>-by-account-repartition}). */
    public static final String BY_ACCOUNT = "by-account";

    /** The repartition of partial aggregates by key group (topic {@code <application id>-partials-repartition}). */
    public static final String PARTIALS = "partials";

    private final MeteringConfig config;
    private final OutputRegistry registry;
    private final AvroSerdes serdes;
    private final TopicCatalog topics;
    private final StoreSuppliers stateStores;
    private final IntakeStores intakeStores;
    private final StreamContracts contracts;
    private final MeteringObserver observer;
    private final StreamsBuilder builder;
    private final List<KStream<ErrorAuditKey, ErrorAudit>> rejected = new ArrayList<>();
    private final List<KStream<ProcessAuditKey, ProcessAudit>> audits = new ArrayList<>();
    private final List<KStream<String, AccountEnvelope>> envelopes = new ArrayList<>();

    private GoldTopology(
            MeteringConfig config, AvroSerdes serdes, Properties streamsConfig, MeteringObserver observer) {
        this.config = config;
        this.registry = OutputRegistry.selected(config.outputs());
        this.serdes = serdes;
        this.topics = new TopicCatalog(config, serdes, registry);
        this.stateStores = new StoreSuppliers(config.stateStores());
        this.intakeStores = new IntakeStores(config.dedupHorizon(), stateStores);
        this.contracts = new StreamContracts(config.currencyRates());
        this.observer = observer;
        Properties props = new Properties();
        props.putAll(streamsConfig);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        this.builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    }

    /**
     * @param streamsConfig the Kafka Streams settings the topology will run with (application.id and
     *                      bootstrap.servers at least); explicit naming of internal resources is always enforced
     */
    public static Topology build(MeteringConfig config, AvroSerdes serdes, Properties streamsConfig) {
        return build(config, serdes, streamsConfig, MeteringObserver.NONE);
    }

    /** @param observer hears every intake decision, for operational metrics */
    public static Topology build(
            MeteringConfig config, AvroSerdes serdes, Properties streamsConfig, MeteringObserver observer) {
        return new GoldTopology(config, serdes, streamsConfig, observer).topology();
    }

    private Topology topology() {
        addPlanCatalog();
        route(topics.users, User::getUserId);
        // The meetings' topics, for the feature usages of the same partitions (MeetingTopics says why no
        // repartition is needed).
        builder.addStateStore(MeetingTopics.store(stateStores));
        envelopes.add(intake(topics.meetings, contracts.meetings())
                .process(MeetingTopics.Recorder::new, Named.as("meeting-topics-recorder"), MeetingTopics.STORE)
                .process(
                        UpsertRouter.supplier(
                                new UpsertRouter.Entity<>(
                                        topics.meetings.configName(),
                                        Meeting.class,
                                        Meeting::getMeetingId,
                                        Meeting::getEventTime,
                                        Meeting::getHostUserId),
                                stateStores),
                        Named.as("meetings-router")));
        route(
                topics.attendance,
                Attendance::getUserId,
                attendance -> new AttendanceActivity(attendance.getUserId(), attendance.getJoinTime()));
        String featureUsage = topics.featureUsage.configName();
        envelopes.add(intake(topics.featureUsage, contracts.forTopic(topics.featureUsage))
                .process(
                        () -> new MeetingTopics.Lookup(featureUsage),
                        Named.as(featureUsage + "-to-account"),
                        MeetingTopics.STORE));
        route(topics.webinars, Webinar::getHostUserId);
        envelopes.add(intake(topics.supportTickets, contracts.supportTickets())
                .process(
                        UpsertRouter.supplier(
                                new UpsertRouter.Entity<>(
                                        topics.supportTickets.configName(),
                                        SupportTicket.class,
                                        SupportTicket::getTicketId,
                                        SupportTicket::getEventTime,
                                        SupportTicket::getUserId),
                                stateStores),
                        Named.as("support-tickets-router")));
        route(topics.billingEvents, BillingEvent::getUserId);
        // Licenses are upserts whose account (the assignee) can change: the router withdraws a reassigned
        // license from its previous holder, so each account's ledgers see only the licenses it holds now.
        envelopes.add(intake(topics.licenses, contracts.licenses())
                .process(
                        UpsertRouter.supplier(
                                new UpsertRouter.Entity<>(
                                        topics.licenses.configName(),
                                        License.class,
                                        License::getLicenseId,
                                        License::getEventTime,
                                        GoldTopology::accountOf),
                                stateStores),
                        Named.as("licenses-router")));
        routePlans(intake(topics.plans, contracts.plans()));
        route(topics.serviceStatus, ServiceStatus::getComponent);

        KStream<ErrorAuditKey, ErrorAudit> errors = mergeAll(rejected, "errors");
        errors.to(topics.auditErrors.name(), topics.auditErrors.produced());
        errors.process(DeadLetters::new, Named.as("dead-letters"))
                .to(topics.deadLetters.name(), topics.deadLetters.produced());
        mergeAll(audits, "intake-audits")
                .to(
                        topics.auditProcess.name(),
                        Produced.with(topics.auditProcess.keySerde(), topics.auditProcess.valueSerde())
                                .withName("intake-audit-sink"));
        KStream<Object, Object> accountStage = accountLedgers(mergeAll(envelopes, "envelopes"));
        KStream<String, GoldRecord> entityRows = accountStage
                .filter((key, value) -> value instanceof GoldRecord, Named.as("entity-rows"))
                .map((key, value) -> KeyValue.pair((String) key, (GoldRecord) value), Named.as("entity-rows-typed"));
        KStream<Bytes, PartialAggregate> partials = accountStage
                .filter((key, value) -> value instanceof PartialAggregate, Named.as("partial-aggregates"))
                .map(
                        (key, value) -> KeyValue.pair((Bytes) key, (PartialAggregate) value),
                        Named.as("partial-aggregates-typed"));
        KStream<String, GoldRecord> combined = combine(partials);
        writeGold(follow(combined).merge(entityRows, Named.as("gold-rows")));
        return builder.build();
    }

    private void addPlanCatalog() {
        StoreBuilder<KeyValueStore<String, Plan>> store = Stores.keyValueStoreBuilder(
                        stateStores.keyValue(PLAN_CATALOG_STORE), Serdes.String(), serdes.forValues(Plan.class))
                .withLoggingDisabled();
        builder.addGlobalStore(
                store,
                topics.planCatalog.name(),
                topics.planCatalog.consumed(),
                () -> new PlanCatalogUpdater(PLAN_CATALOG_STORE));
    }

    private <V extends SpecificRecord> KStream<String, V> intake(Topic<String, V> topic, StreamContract<V> contract) {
        String stream = contract.stream();
        KStream<byte[], byte[]> raw = builder.stream(
                topic.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(new UsePartitionTimeOnInvalidTimestamp())
                        .withName(stream + "-source"));
        IntakeSettings settings = IntakeSettings.from(config);
        KStream<String, IntakeOutcome<V>> outcomes = raw.process(
                withStores(
                        intakeStores.builders(stream),
                        () -> new IntakeProcessor<>(contract, topic.valueSerde().deserializer(), settings, observer)),
                Named.as(stream + "-intake"));
        Map<String, KStream<String, IntakeOutcome<V>>> branches = outcomes.split(Named.as(stream + "-"))
                .branch((key, outcome) -> outcome instanceof IntakeOutcome.Accepted, Branched.as("accepted"))
                .branch((key, outcome) -> outcome instanceof IntakeOutcome.Audited, Branched.as("audited"))
                .defaultBranch(Branched.as("rejected"));
        audits.add(branches.get(stream + "-audited")
                .map(
                        (key, outcome) -> {
                            IntakeOutcome.Audited<V> audited = (IntakeOutcome.Audited<V>) outcome;
                            return KeyValue.pair(audited.key(), audited.audit());
                        },
                        Named.as(stream + "-audit-records")));
        rejected.add(branches.get(stream + "-rejected")
                .map(
                        (key, outcome) -> {
                            IntakeOutcome.Rejected<V> rejection = (IntakeOutcome.Rejected<V>) outcome;
                            return KeyValue.pair(rejection.key(), rejection.error());
                        },
                        Named.as(stream + "-error-records")));
        return branches.get(stream + "-accepted")
                .mapValues(
                        outcome -> ((IntakeOutcome.Accepted<V>) outcome).value(),
                        Named.as(stream + "-accepted-values"));
    }

    /**
     * Accepted records of a stream, re-keyed by the account they belong to (or, for records of no account, by
     * their own key, which only spreads them over partitions).
     */
    private <V extends SpecificRecord> void route(Topic<String, V> topic, Function<V, String> account) {
        route(topic, account, value -> value);
    }

    /** @param payload what of an accepted record the account ledgers read, as it crosses the by-account topic */
    private <V extends SpecificRecord> void route(
            Topic<String, V> topic, Function<V, String> account, Function<V, Object> payload) {
        String stream = topic.configName();
        envelopes.add(intake(topic, contracts.forTopic(topic))
                .map(
                        (key, value) -> KeyValue.pair(
                                account.apply(value),
                                new AccountEnvelope(stream, EnvelopeKind.CURRENT, payload.apply(value))),
                        Named.as(stream + "-to-account")));
    }

    /**
     * Accepted plans feed the catalog, where a tombstone removes a product; like every record with an event time
     * they count in the event totals. A tombstone has none, so it goes to the catalog only.
     */
    private void routePlans(KStream<String, Plan> accepted) {
        accepted.to(topics.planCatalog.name(), topics.planCatalog.produced());
        String stream = topics.plans.configName();
        envelopes.add(accepted.filter((key, plan) -> plan != null, Named.as(stream + "-with-event-time"))
                .map(
                        (key, plan) -> KeyValue.pair(key, new AccountEnvelope(stream, EnvelopeKind.CURRENT, plan)),
                        Named.as(stream + "-to-account")));
    }

    /** The account stage's partial aggregates, keyed by their aggregate key, and entity outputs' rows. */
    private KStream<Object, Object> accountLedgers(KStream<String, AccountEnvelope> byAccount) {
        Repartitioned<String, AccountEnvelope> repartitioned = Repartitioned.with(
                        Serdes.String(), serdes.forValues(AccountEnvelope.class))
                .withName(BY_ACCOUNT);
        if (config.accountPartitions().isPresent()) {
            repartitioned = repartitioned.withNumberOfPartitions(
                    config.accountPartitions().getAsInt());
        }
        Periods periods = new Periods(config.reportingZone());
        return byAccount
                .repartition(repartitioned)
                .process(
                        withStores(
                                accountStores(),
                                () -> new AccountProcessor(
                                        registry.ledgers(),
                                        periods,
                                        config.currencyRates(),
                                        config.emitInterval(),
                                        config.grace(),
                                        PLAN_CATALOG_STORE,
                                        config.sourceSystem(),
                                        config.outputSettings())),
                        Named.as("account-ledgers"));
    }

    /** The account stage's own stores and those the outputs' ledgers declare. */
    private Set<StoreBuilder<?>> accountStores() {
        Set<StoreBuilder<?>> stores = new HashSet<>(AccountStores.builders(stateStores, config.profileHistory()));
        registry.ledgers().forEach(ledger -> stores.addAll(ledger.stores(stateStores)));
        return stores;
    }

    /** Partials are partitioned by their key's group, so the keys a formula combines meet on one task. */
    private KStream<String, GoldRecord> combine(KStream<Bytes, PartialAggregate> partials) {
        Periods periods = new Periods(config.reportingZone());
        return partials.repartition(Repartitioned.with(Serdes.Bytes(), serdes.forValues(PartialAggregate.class))
                        .withStreamPartitioner((topic, key, value, partitions) ->
                                Optional.of(Set.of(AggregateKeyBytes.partition(key, partitions))))
                        .withName(PARTIALS))
                .process(
                        withStores(
                                CombinerStores.builders(serdes, stateStores),
                                () -> new Combiner(
                                        registry.aggregates(),
                                        config.emitMode(),
                                        periods,
                                        config.grace(),
                                        config.sourceSystem(),
                                        PLAN_CATALOG_STORE,
                                        Duration.ofMinutes(1),
                                        config.auditInterval())),
                        Named.as(CombinerStores.PROCESSOR));
    }

    /** The combiner's rows and those of the outputs that follow another output's rows (RowsFollower). */
    private KStream<String, GoldRecord> follow(KStream<String, GoldRecord> combined) {
        KStream<String, GoldRecord> rows = combined;
        RowsFollower.Context context = new RowsFollower.Context(
                serdes,
                stateStores,
                new Periods(config.reportingZone()),
                config.grace(),
                config.sourceSystem(),
                config.values());
        for (GoldOutput output : registry.outputs()) {
            if (output.follower().isPresent()) {
                RowsFollower follower = output.follower().get();
                String source = follower.source().topic().configName();
                KStream<String, GoldRecord> sourceRows = combined.filter(
                        (key, row) -> row.output().equals(source), Named.as(output.name() + "-source-rows"));
                rows = rows.merge(follower.follow(sourceRows, context), Named.as(output.name() + "-rows"));
            }
        }
        return rows;
    }

    /**
     * Every gold row goes out here, so this is the one place zm.pii.mode applies (SPEC 6): to the fields named
     * user_name or email of any output value, found by the value's schema. The error topics are not written here:
     * they keep the original bytes, which replay needs.
     */
    private void writeGold(KStream<String, GoldRecord> rows) {
        var branches = rows.split(Named.as("gold-"));
        for (GoldOutput output : registry.outputs()) {
            Topic<? extends SpecificRecord, ? extends SpecificRecord> topic = topics.output(output.name());
            Schema keySchema = SpecificData.get().getSchema(output.table().keyType());
            Schema valueSchema = SpecificData.get().getSchema(output.table().valueType());
            // At build time, that is at start-up: an output breaking the schema rules never runs in any mode.
            PiiPolicy.validate(output.name(), keySchema, valueSchema);
            branches = branches.branch(
                    (key, row) -> row.output().equals(topic.configName()),
                    Branched.withConsumer(
                            branch -> writeTo(observed(branch, output.table().topic()), topic, valueSchema),
                            topic.configName()));
        }
        Schema auditSchema = ProcessAudit.getClassSchema();
        PiiPolicy.validate(topics.auditProcess.configName(), ProcessAuditKey.getClassSchema(), auditSchema);
        branches.branch(
                (key, row) -> row.output().equals(TopicId.AUDIT_PROCESS.configName()),
                Branched.withConsumer(
                        branch -> writeTo(branch, topics.auditProcess, auditSchema), topics.auditProcess.configName()));
        branches.noDefaultBranch();
    }

    /**
     * Every gold row of an output, as the observer hears it: here, at the sink, so the combiner's rows, the
     * entity outputs' rows and the followers' rows are heard alike (the forecast and churn-risk gauges need the
     * latter two).
     */
    private KStream<String, GoldRecord> observed(KStream<String, GoldRecord> rows, TopicSetting output) {
        return rows.peek(
                (key, row) -> observer.goldWritten(output, row.key(), row.value()),
                Named.as(output.configName() + "-observed"));
    }

    @SuppressWarnings("unchecked")
    private <K, V> void writeTo(KStream<String, GoldRecord> rows, Topic<K, V> output, Schema valueSchema) {
        KStream<K, V> typed = rows.map(
                (key, row) -> KeyValue.pair((K) row.key(), (V) row.value()), Named.as(output.configName() + "-row"));
        // Only outputs with personal fields get the step, and only under HASH or DROP: the others' topology is
        // the same in every mode.
        Optional<UnaryOperator<SpecificRecord>> pii = config.pii().forValues(valueSchema);
        if (pii.isPresent()) {
            UnaryOperator<SpecificRecord> mask = pii.get();
            typed = typed.mapValues(
                    value -> (V) mask.apply((SpecificRecord) value), Named.as(output.configName() + "-pii"));
        }
        typed.to(output.name(), output.produced());
    }

    private static <K, V> KStream<K, V> mergeAll(List<KStream<K, V>> streams, String name) {
        KStream<K, V> merged = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            merged = merged.merge(streams.get(i), Named.as(name + "-merge-" + i));
        }
        return merged;
    }

    private static String accountOf(License license) {
        String user = license.getAssignedUserId();
        return user == null || user.isBlank() ? license.getLicenseId() : user;
    }

    private static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> withStores(
            Set<StoreBuilder<?>> stores, java.util.function.Supplier<Processor<KIn, VIn, KOut, VOut>> processor) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }
}
