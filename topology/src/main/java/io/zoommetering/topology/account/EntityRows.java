package io.zoommetering.topology.account;

import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.state.AvroBinary;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import io.zoommetering.topology.topics.OutputTable;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The rows an entity output (one row per entity, rewritten as the entity changes) has written from this task, so a
 * ledger writes a row only when it changes and keeps its lineage: load_date the day the key was first written (by
 * this task), update_date the day of this version. A row that is written carries the entity's version (the event
 * time of the state it shows); a row of an older version than the one written changes nothing.
 *
 * <p>The rows must have the seed's lineage columns, {@code load_date}, {@code update_date} and {@code
 * source_system}, which is what every gold value record has.
 *
 * @param <K> the output's key record
 * @param <V> the output's value record
 */
public final class EntityRows<K extends SpecificRecord, V extends SpecificRecordBase> {

    private static final String LOAD_DATE = "load_date";
    private static final String UPDATE_DATE = "update_date";
    private static final String SOURCE_SYSTEM = "source_system";

    /** What this task wrote of an entity: the version shown, the load day, the row's content without lineage. */
    private record Written(long version, long loadDay, byte[] content) {}

    private final LedgerContext context;
    private final OutputTable<K, V> output;
    private final KeyValueStore<String, Written> written;
    private final AvroBinary<V> rows;

    public EntityRows(LedgerContext context, OutputTable<K, V> output, String store) {
        this.context = context;
        this.output = output;
        this.written = context.store(store);
        this.rows = new AvroBinary<>(output.valueType());
    }

    /** The store {@code EntityRows} keeps, for the output's {@link LedgerSpec}. */
    public static StoreBuilder<?> store(StoreSuppliers suppliers, String name) {
        return WriteBehindStore.cached(
                Stores.keyValueStoreBuilder(suppliers.keyValue(name), Serdes.String(), new WrittenSerde()));
    }

    /**
     * Writes the entity's row unless it is unchanged or an older version than the one written. The row's lineage
     * columns are set here; whatever they held is ignored.
     *
     * @param version the event time (epoch millis) of the state the row shows
     */
    public void upsert(String id, long version, K key, V row) {
        Written previous = written.get(id);
        if (previous != null && version < previous.version()) {
            return;
        }
        Lineage now = context.lineageNow();
        // The content is compared with the lineage blanked, so a re-sent state with the same fields writes nothing.
        row.put(LOAD_DATE, LocalDate.EPOCH);
        row.put(UPDATE_DATE, LocalDate.EPOCH);
        row.put(SOURCE_SYSTEM, "");
        byte[] content = rows.encode(row);
        if (previous != null && Arrays.equals(previous.content(), content)) {
            if (version > previous.version()) {
                written.put(id, new Written(version, previous.loadDay(), content));
            }
            return;
        }
        long loadDay = previous == null ? now.loadDate().toEpochDay() : previous.loadDay();
        written.put(id, new Written(version, loadDay, content));
        row.put(LOAD_DATE, LocalDate.ofEpochDay(loadDay));
        row.put(UPDATE_DATE, now.updateDate());
        row.put(SOURCE_SYSTEM, now.sourceSystem());
        context.write(output, key, row);
    }

    /**
     * The entity left this task's accounts (its new state belongs to another account, whose task writes its row
     * from now on): what this task wrote of it must not hold back a later write if the entity comes back.
     */
    public void forget(String id) {
        written.delete(id);
    }

    private static final class WrittenSerde extends CompactSerde<Written> {

        @Override
        protected void write(Written value, Output out) {
            out.writeLong(value.version());
            out.writeLong(value.loadDay());
            out.writeBytes(value.content());
        }

        @Override
        protected Written read(Input in) {
            long version = in.readLong();
            long loadDay = in.readLong();
            return new Written(version, loadDay, in.readBytes());
        }
    }
}
