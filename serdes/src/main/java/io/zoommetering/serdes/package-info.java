/**
 * Confluent-compatible Avro serdes, without Confluent's artifacts: {@link io.zoommetering.serdes.SpecificAvroSerde}
 * for generated records and {@link io.zoommetering.serdes.GenericAvroSerde} for generic ones.
 *
 * <p>The bytes are Confluent's wire format ({@link io.zoommetering.serdes.WireFormat}), the subjects its
 * TopicNameStrategy, the settings its keys ({@link io.zoommetering.serdes.AvroSerdeConfig}), so these serdes read
 * what Confluent's write and the other way round. A record that cannot be read or written fails with an
 * {@link io.zoommetering.serdes.AvroSerdeException} carrying the topic, the schema id when known, and a
 * {@link io.zoommetering.serdes.SerdeFailure} reason for error records.
 */
package io.zoommetering.serdes;
