package io.zoommetering.topology.audit;

import io.zoommetering.avro.internal.AuditCounts;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The audit counts store of a processor that audits what it does. */
public final class AuditStores {

    private AuditStores() {}

    public static String name(String processor) {
        return processor + "-audit";
    }

    /** Counts in the compact state format: they are written on every record the processor counts. */
    public static StoreBuilder<KeyValueStore<String, AuditCounts>> builder(String processor, StoreSuppliers stores) {
        // Written on every record the processor counts, always the same few keys: once per commit is enough.
        return WriteBehindStore.of(
                Stores.keyValueStoreBuilder(stores.keyValue(name(processor)), Serdes.String(), counts()));
    }

    static CompactSerde<AuditCounts> counts() {
        return new CompactSerde<>() {
            @Override
            protected void write(AuditCounts value, Output out) {
                out.writeLong(value.getRead());
                out.writeLong(value.getAccepted());
                out.writeLong(value.getDuplicates());
                out.writeCount(value.getErrors().size());
                for (Map.Entry<String, Long> error : value.getErrors().entrySet()) {
                    out.writeString(error.getKey());
                    out.writeLong(error.getValue());
                }
                out.writeLong(value.getWritten());
            }

            @Override
            protected AuditCounts read(Input in) {
                long read = in.readLong();
                long accepted = in.readLong();
                long duplicates = in.readLong();
                int count = in.readCount();
                Map<String, Long> errors = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    errors.put(in.readString(), in.readLong());
                }
                return new AuditCounts(read, accepted, duplicates, errors, in.readLong());
            }
        };
    }
}
