package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.OutputTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The account stage of one task: everything that needs an account's own history. It derives the facts every
 * ledger shares (the plan as of a record's time, meeting contributions, activity, metered usage, recurring shares), tells them and
 * each record to the ledgers of the registered outputs, and ships the partial aggregates the ledgers changed to
 * the combiners every emit interval; entity outputs' rows leave as {@link GoldRecord}s. It knows no output: the
 * registry hands it their {@link LedgerSpec}s.
 */
public final class AccountProcessor implements Processor<String, AccountEnvelope, Object, Object> {

    private final List<LedgerSpec> outputLedgers;
    private final Periods periods;
    private final Map<String, BigDecimal> currencyRates;
    private final Duration emitInterval;
    private final Duration grace;
    private final String catalogStore;
    private final String sourceSystem;
    private final Map<Class<?>, Object> outputSettings;

    private Broadcast events;
    private PartialAggregates partials;

    public AccountProcessor(
            List<LedgerSpec> outputLedgers,
            Periods periods,
            Map<String, BigDecimal> currencyRates,
            Duration emitInterval,
            Duration grace,
            String catalogStore,
            String sourceSystem) {
        this(outputLedgers, periods, currencyRates, emitInterval, grace, catalogStore, sourceSystem, Map.of());
    }

    /** @param outputSettings the settings of outputs that have their own, by their type (LedgerContext#settings) */
    public AccountProcessor(
            List<LedgerSpec> outputLedgers,
            Periods periods,
            Map<String, BigDecimal> currencyRates,
            Duration emitInterval,
            Duration grace,
            String catalogStore,
            String sourceSystem,
            Map<Class<?>, Object> outputSettings) {
        this.outputLedgers = outputLedgers;
        this.periods = periods;
        this.currencyRates = currencyRates;
        this.emitInterval = emitInterval;
        this.grace = grace;
        this.catalogStore = catalogStore;
        this.sourceSystem = sourceSystem;
        this.outputSettings = Map.copyOf(outputSettings);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        String source = "account-" + context.taskId().partition();
        // Everything is created here, not in the constructor: a task that is revived (after its state was found
        // corrupted) initialises the same processor again, and its ledgers must start from what the stores hold.
        events = new Broadcast();
        partials = new PartialAggregates(context.getStateStore(AccountStores.PARTIALS));
        PlanResolver plans = new PlanResolver(context.getStateStore(AccountStores.PROFILES));
        events.subscribe(plans);
        events.subscribe(new MeetingContributions(context.getStateStore(AccountStores.MEETINGS), events, plans));
        events.subscribe(new ActivityTracker(context.getStateStore(AccountStores.ACTIVITY), events, periods));
        events.subscribe(new UsageMeters(events, plans, periods));
        events.subscribe(new RecurringShares(context.getStateStore(AccountStores.NET_SHARES), events, currencyRates));
        ReadOnlyKeyValueStore<String, Plan> catalog = context.getStateStore(catalogStore);
        LedgerContext ledgerContext = new LedgerContext() {
            @Override
            public <S extends StateStore> S store(String name) {
                return context.getStateStore(name);
            }

            @Override
            public PartialAggregates partials() {
                return partials;
            }

            @Override
            public PlanResolver plans() {
                return plans;
            }

            @Override
            public Periods periods() {
                return periods;
            }

            @Override
            public Duration grace() {
                return grace;
            }

            @Override
            public Map<String, BigDecimal> currencyRates() {
                return currencyRates;
            }

            @Override
            public ReadOnlyKeyValueStore<String, Plan> catalog() {
                return catalog;
            }

            @Override
            public <K extends SpecificRecord, V extends SpecificRecord> void write(
                    OutputTable<K, V> output, K key, V value) {
                String name = output.topic().configName();
                context.forward(new Record<Object, Object>(
                        name, new GoldRecord(name, key, value), Math.max(0, context.currentStreamTimeMs())));
            }

            @Override
            public Instant streamTime() {
                return Instant.ofEpochMilli(Math.max(0, context.currentStreamTimeMs()));
            }

            @Override
            public void everyStreamTime(Duration interval, Runnable action) {
                context.schedule(interval, PunctuationType.STREAM_TIME, timestamp -> action.run());
            }

            @Override
            public <T> Optional<T> settings(Class<T> type) {
                return Optional.ofNullable(outputSettings.get(type)).map(type::cast);
            }

            @Override
            public Lineage lineageNow() {
                LocalDate today = periods.date(Instant.ofEpochMilli(context.currentSystemTimeMs()));
                return new Lineage(today, today, sourceSystem);
            }
        };
        for (LedgerSpec spec : outputLedgers) {
            events.subscribe(spec.create(ledgerContext));
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> partials.ship(context, source));
    }

    @Override
    public void process(Record<String, AccountEnvelope> record) {
        AccountEnvelope envelope = record.value();
        events.record(new AccountRecord(
                envelope.getStream(),
                envelope.getKind(),
                envelope.getPayload(),
                Instant.ofEpochMilli(record.timestamp())));
    }
}
