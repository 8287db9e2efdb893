package io.zoommetering.topology;

import io.zoommetering.avro.billing.Plan;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global plan catalog store equal to the validated catalog topic; a tombstone removes a product. */
final class PlanCatalogUpdater implements Processor<String, Plan, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, Plan> catalog;

    PlanCatalogUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        catalog = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Plan> record) {
        if (record.value() == null) {
            catalog.delete(record.key());
        } else {
            catalog.put(record.key(), record.value());
        }
    }
}
