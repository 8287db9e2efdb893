package io.zoommetering.tools.testing;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.serdes.registry.RestSchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryClientConfig;
import io.zoommetering.tools.events.EventProducer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A client of the demo from another JVM, as any Confluent-compatible producer is: a Kafka producer on the demo's
 * bootstrap servers whose Avro serializer registers the schemas through the demo's Schema Registry REST API.
 *
 * <p>{@code java -cp <tools jar>:<test classes> io.zoommetering.tools.testing.OutsideProducer BOOTSTRAP REGISTRY_URL
 * EVENTS.jsonl}: produces the event file and exits 0 once every record is acknowledged.
 */
public final class OutsideProducer {

    private OutsideProducer() {}

    public static void main(String[] args) throws Exception {
        List<EventRecord> records = EventFiles.read(Path.of(args[2]), TopicTypes.defaults());
        RestSchemaRegistryClient registry =
                new RestSchemaRegistryClient(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, args[1]));
        try (EventProducer producer = new EventProducer(EventProducer.properties(args[0]), registry)) {
            producer.produce(records);
        }
        System.out.println("produced " + records.size() + " records");
    }
}
