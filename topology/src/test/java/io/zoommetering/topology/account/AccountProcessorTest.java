package io.zoommetering.topology.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.time.Periods;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountProcessorTest {

    private static final String CATALOG = "catalog";
    private static final Instant AT = Instant.parse("2026-03-03T09:00:00Z");

    private final List<StateStore> stores = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(StateStore::close);
    }

    /**
     * Kafka Streams initialises the same processor again when it revives a task whose state it found corrupted
     * (it does so on restarts, KAFKA-10247): a processor that kept the ledgers of its first init would tell each
     * record to both generations of ledgers and count it twice.
     */
    @Test
    void shouldTellEachRecordToOneLedgerWhenTheTaskIsInitialisedAgain(@TempDir Path stateDir) throws IOException {
        // Given an account processor with a ledger that counts what it is told, initialised twice
        AtomicInteger told = new AtomicInteger();
        LedgerSpec counting = LedgerSpec.stateless(context -> new Ledger() {
            @Override
            public void record(AccountRecord record) {
                told.incrementAndGet();
            }
        });
        MockProcessorContext<Object, Object> context = context(stateDir);
        AccountProcessor processor = new AccountProcessor(
                List.of(counting),
                new Periods(ZoneOffset.UTC),
                Map.of("USD", BigDecimal.ONE),
                Duration.ofMillis(10),
                Duration.ofHours(24),
                CATALOG,
                "zoom-metering");
        processor.init(context);
        processor.init(context);
        // When one record is processed
        processor.process(new Record<>(
                "u-1",
                new AccountEnvelope(
                        "feature-usage",
                        EnvelopeKind.CURRENT,
                        new FeatureActivity("u-1", AT, "CHAT", 30L, "e-1", 1, null)),
                AT.toEpochMilli()));
        // Then one ledger was told, once
        assertThat(told).hasValue(1);
    }

    @Test
    void shouldShipWhatTheLedgersAdded(@TempDir Path stateDir) throws IOException {
        // Given the registered outputs' ledgers
        MockProcessorContext<Object, Object> context = context(stateDir);
        AccountProcessor processor = new AccountProcessor(
                OutputRegistry.all().ledgers(),
                new Periods(ZoneOffset.UTC),
                Map.of("USD", BigDecimal.ONE),
                Duration.ofMillis(10),
                Duration.ofHours(24),
                CATALOG,
                "zoom-metering");
        processor.init(context);
        // When a user's feature usage is processed and the partials are shipped
        processor.process(new Record<>(
                "u-1",
                new AccountEnvelope(
                        "feature-usage",
                        EnvelopeKind.CURRENT,
                        new FeatureActivity("u-1", AT, "CHAT", 30L, "e-1", 1, null)),
                AT.toEpochMilli()));
        context.scheduledPunctuators()
                .forEach(scheduled -> scheduled.getPunctuator().punctuate(AT.toEpochMilli()));
        // Then the day's active users partial holds the user, keyed by the output's aggregate key
        List<Long> daily = context.forwarded().stream()
                .map(MockProcessorContext.CapturedForward::record)
                .filter(record -> record.value() instanceof PartialAggregate)
                .filter(record -> AggregateKeyBytes.tag((Bytes) record.key()) == ActiveUsersOutput.INSTANCE.tag())
                .filter(record -> AggregateKeyBytes.decode(ActiveUsersOutput.INSTANCE, (Bytes) record.key())
                        .equals(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-03"))))
                .map(record -> ActiveUsersOutput.activeUsers(((PartialAggregate) record.value()).getMeasures()))
                .toList();
        assertThat(daily).containsExactly(1L);
    }

    private MockProcessorContext<Object, Object> context(Path stateDir) throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "account-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(
                props,
                new TaskId(0, 0),
                Files.createDirectories(stateDir.resolve("task")).toFile());
        context.setCurrentSystemTimeMs(AT.toEpochMilli());
        context.setCurrentStreamTimeMs(AT.toEpochMilli());
        StoreSuppliers suppliers = new StoreSuppliers(StoreSuppliers.Kind.IN_MEMORY);
        List<StoreBuilder<?>> builders = new ArrayList<>(AccountStores.builders(suppliers, Duration.ofDays(400)));
        OutputRegistry.all().ledgers().forEach(ledger -> builders.addAll(ledger.stores(suppliers)));
        builders.add(Stores.keyValueStoreBuilder(suppliers.keyValue(CATALOG), Serdes.String(), Serdes.String()));
        for (StoreBuilder<?> builder : builders) {
            StateStore store =
                    builder.withLoggingDisabled().withCachingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            stores.add(store);
        }
        return context;
    }
}
