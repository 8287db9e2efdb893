package io.zoommetering.app.config;

import io.zoommetering.topology.errors.ProcessingErrorHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The production defaults of the Kafka Streams settings; every layer above (file, environment, flags) may override. */
public final class StreamsDefaults {

    public static final String APPLICATION_ID = "zoom-metering";

    private StreamsDefaults() {}

    public static Map<String, String> production() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        defaults.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        // Gold figures are billing inputs: each input record counts once, even across crashes and rebalances.
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Under exactly-once the commit interval is also the latency read_committed readers see.
        defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // No compression: a transaction writes to some hundred partitions (changelogs, repartition and gold topics) a
        // few records each, and lz4 costs per batch (a 64 KiB block buffer allocated and cleared) more than it saves
        // on so few records; without it the stream thread spent 16 to 30 % less CPU per event in two measured pairs,
        // and the broker no longer decompresses every batch to validate it (docs/BENCHMARKS.md). A deployment short
        // of network or disk sets producer.compression.type, or the topics' compression.type on the broker.
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        // The account ledgers keep state per user and period; with Kafka's 10 MB record cache it is full, and every
        // eviction flushes the whole store's dirty entries to RocksDB and the changelog. 100 MiB: about 15 % less
        // Streams CPU per event at 100,000 users (docs/BENCHMARKS.md).
        defaults.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(100L * 1024 * 1024));
        // A warm copy of the state on another instance makes a fail-over a hand-over, not a restore.
        defaults.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        // -1: internal topics get the broker's default.replication.factor.
        defaults.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        // An unnamed store renamed by a code change would silently lose its state.
        defaults.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // An unexpected failure after intake becomes a PROCESSING error and a dead letter, and processing goes on.
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingErrorHandler.class.getName());
        // Kafka 5 turns this on anyway: processing errors of the global (plan catalog) thread go to the handler too.
        defaults.put("processing.exception.handler.global.enabled", "true");
        return defaults;
    }
}
