package io.zoommetering.app.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorStatus;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.serdes.GenericAvroSerde;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

    static Stream<Schema> contractRecords() {
        return RandomAvro.recordSchemas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractRecords")
    void everyRecordOfTheContractRoundTripsThroughJson(Schema schema) {
        // Given random records of the schema: every field, null and non-null branches, negative decimals, maps
        RandomAvro random = new RandomAvro(schema.getFullName().hashCode());
        for (int i = 0; i < 25; i++) {
            SpecificRecord record = random.record(schema);
            // When written as JSON text and read back
            String text = EventJson.toLine(EventJson.toJson(record));
            JsonNode parsed = readTree(text);
            Object back = EventJson.fromJson(parsed, schema);
            // Then it is the same record
            assertThat(back).as("%s via %s", schema.getName(), text).isEqualTo(record);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractRecords")
    void genericRecordsFromTheWireWriteTheSameJsonAsGeneratedOnes(Schema schema) {
        // Given a record encoded as a producer does, and decoded by the generic serde (no logical conversions)
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        RandomAvro random = new RandomAvro(31L * schema.getFullName().hashCode());
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> type = (Class<SpecificRecord>) SpecificData.get().getClass(schema);
        SpecificAvroSerde<SpecificRecord> specific = new SpecificAvroSerde<>(type, registry, false);
        GenericAvroSerde generic = new GenericAvroSerde(registry, false);
        for (int i = 0; i < 10; i++) {
            SpecificRecord record = random.record(schema);
            byte[] bytes = specific.serializer().serialize("t", record);
            GenericRecord decoded = generic.deserializer().deserialize("t", bytes);
            // Then both write the same JSON
            assertThat(EventJson.toJson(decoded)).isEqualTo(EventJson.toJson(record));
        }
    }

    @Test
    void writesTheFormatOfSpecSection5() {
        // Given a plan with decimals, maps and an instant
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("meeting_minutes", new BigDecimal("0.02"));
        prices.put("webinar_registrants", new BigDecimal("1.50"));
        Plan plan = Plan.newBuilder()
                .setEventId("e-1")
                .setEventTime(Instant.parse("2026-11-21T09:00:00Z"))
                .setSourceSystem("billing")
                .setPlanType(PlanType.PRO)
                .setMonthlyPrice(new BigDecimal("12.50"))
                .setCurrency("USD")
                .setIncludedQuantities(new LinkedHashMap<>(Map.of("meeting_minutes", 3000L)))
                .setOverageUnitPrices(prices)
                .setOverageAlertThresholds(new LinkedHashMap<>())
                .build();
        // When written
        String line = EventJson.toLine(EventJson.toJson(plan));
        // Then timestamps are ISO instants, decimals strings of their scale, maps objects, enums names
        assertThat(line)
                .isEqualTo("{\"event_id\": \"e-1\", \"event_time\": \"2026-11-21T09:00:00Z\", "
                        + "\"source_system\": \"billing\", \"plan_type\": \"PRO\", \"monthly_price\": \"12.50\", "
                        + "\"currency\": \"USD\", \"included_quantities\": {\"meeting_minutes\": 3000}, "
                        + "\"overage_unit_prices\": {\"meeting_minutes\": \"0.02\", \"webinar_registrants\": \"1.50\"}, "
                        + "\"overage_alert_thresholds\": {}}");
    }

    @Test
    void writesNullsDatesMillisecondsAndBytes() {
        Meeting started = meeting().build();
        ObjectNode json = EventJson.toJson(started);
        assertThat(json.get("end_time").isNull()).isTrue();
        assertThat(json.get("duration_minutes").isNull()).isTrue();
        assertThat(json.get("start_time").textValue()).isEqualTo("2026-03-02T08:15:30.250Z");
        assertThat(json.get("status").textValue()).isEqualTo("STARTED");

        BillingEvent billing = BillingEvent.newBuilder()
                .setEventId("e")
                .setEventTime(Instant.EPOCH)
                .setUserId("u-1")
                .setEventType(BillingEventType.REFUND)
                .setPlanType(PlanType.BASIC)
                .setAmount(new BigDecimal("7.00"))
                .setCurrency("USD")
                .setPaymentMethod("CARD")
                .setInvoiceNumber("I")
                .setServicePeriodStart(LocalDate.of(2028, 2, 29))
                .setServicePeriodEnd(LocalDate.of(2028, 3, 28))
                .build();
        JsonNode billingJson = EventJson.toJson(billing);
        assertThat(billingJson.get("service_period_start").textValue()).isEqualTo("2028-02-29");
        assertThat(billingJson.get("amount").textValue()).isEqualTo("7.00");
        assertThat(billingJson.get("event_time").textValue()).isEqualTo("1970-01-01T00:00:00Z");

        ErrorAudit error = errorAudit()
                .setOriginalValue(ByteBuffer.wrap("not avro".getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThat(EventJson.toJson(error).get("original_value").textValue()).isEqualTo("bm90IGF2cm8=");
    }

    @Test
    void readsWhatItWrites() {
        Meeting ended = meeting()
                .setStatus(MeetingStatus.ENDED)
                .setEndTime(Instant.parse("2026-03-02T09:00:00Z"))
                .setDurationMinutes(44)
                .build();
        assertThat(EventJson.fromJson(EventJson.toJson(ended), Meeting.class)).isEqualTo(ended);
        PeriodKey key = new PeriodKey(PeriodType.WEEKLY, LocalDate.of(2026, 3, 2));
        assertThat(EventJson.toLine(EventJson.toJson(key)))
                .isEqualTo("{\"period_type\": \"WEEKLY\", \"activity_date\": \"2026-03-02\"}");
        assertThat(EventJson.fromJson(EventJson.toJson(key), PeriodKey.class)).isEqualTo(key);
    }

    @Test
    void readsInstantsWithOffsetsOrAsEpochMillisAndDecimalsAsNumbers() {
        ObjectNode json = EventJson.toJson(meeting().build());
        json.put("start_time", "2026-03-02T09:15:30.250+01:00");
        json.put("event_time", 1_772_439_330_250L);
        Meeting meeting = EventJson.fromJson(json, Meeting.class);
        assertThat(meeting.getStartTime()).isEqualTo(Instant.parse("2026-03-02T08:15:30.250Z"));
        assertThat(meeting.getEventTime()).isEqualTo(Instant.parse("2026-03-02T08:15:30.250Z"));

        ObjectNode minutes = (ObjectNode) readTree("{\"total_meeting_minutes\": 10, \"meeting_count\": 4, "
                + "\"avg_meeting_minutes\": 2.5, \"load_date\": \"2026-03-02\", \"update_date\": \"2026-03-02\", "
                + "\"source_system\": \"zoom-metering\"}");
        MeetingMinutes read = EventJson.fromJson(minutes, MeetingMinutes.class);
        assertThat(read.getAvgMeetingMinutes()).isEqualTo(new BigDecimal("2.50"));
        assertThat(read.getMeetingsPerActiveUser()).isNull();
    }

    @Test
    void missingFieldsTakeTheirSchemaDefaults() {
        ObjectNode json = (ObjectNode) readTree("{\"process_name\": \"intake:meetings\", "
                + "\"execution_time\": \"2026-03-02T00:00:00Z\", \"status\": \"SUCCESS\", \"record_count\": 5, "
                + "\"error_count\": 0, \"audit_details\": \"\", \"load_date\": \"2026-03-02\", "
                + "\"update_date\": \"2026-03-02\", \"source_system\": \"zoom-metering\"}");
        assertThat(EventJson.fromJson(json, ProcessAudit.class).getDuplicateCount())
                .isZero();

        ObjectNode error = EventJson.toJson(errorAudit().build());
        error.remove(List.of("status", "original_headers", "original_key", "source_timestamp"));
        ErrorAudit read = EventJson.fromJson(error, ErrorAudit.class);
        assertThat(read.getStatus()).isEqualTo(ErrorStatus.OPEN);
        assertThat(read.getOriginalHeaders()).isEmpty();
        assertThat(read.getOriginalKey()).isNull();
    }

    @Test
    void unionsOfSeveralRecordsNameTheirBranch() {
        Meeting meeting = meeting().build();
        AccountEnvelope envelope = AccountEnvelope.newBuilder()
                .setStream("meetings")
                .setKind(EnvelopeKind.CURRENT)
                .setPayload(meeting)
                .build();
        ObjectNode json = EventJson.toJson(envelope);
        assertThat(json.get("payload").fieldNames()).toIterable().containsExactly("io.zoommetering.avro.usage.Meeting");
        assertThat(EventJson.fromJson(json, AccountEnvelope.class)).isEqualTo(envelope);
    }

    @Test
    void namesTheFieldThatDoesNotFit() {
        ObjectNode json = EventJson.toJson(meeting().build());
        assertThatThrownBy(() -> EventJson.fromJson(json.deepCopy().put("duration_minutes", "long"), Meeting.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration_minutes: expected an integer, found \"long\"");
        assertThatThrownBy(() -> EventJson.fromJson(json.deepCopy().put("status", "PAUSED"), Meeting.class))
                .hasMessageContaining("status: 'PAUSED' is not one of [STARTED, ENDED, UNRECOGNIZED]");
        assertThatThrownBy(() -> EventJson.fromJson(json.deepCopy().put("start_time", "yesterday"), Meeting.class))
                .hasMessageContaining("start_time: expected an ISO-8601 instant");
        assertThatThrownBy(() -> EventJson.fromJson(json.deepCopy().put("colour", "red"), Meeting.class))
                .hasMessageContaining("colour: no such field in Meeting");
        ObjectNode missing = json.deepCopy();
        missing.remove("host_user_id");
        assertThatThrownBy(() -> EventJson.fromJson(missing, Meeting.class))
                .hasMessageContaining("host_user_id: missing");

        ObjectNode plan = EventJson.toJson(Plan.newBuilder()
                .setEventId("e")
                .setEventTime(Instant.EPOCH)
                .setPlanType(PlanType.FREE)
                .setMonthlyPrice(BigDecimal.ZERO.setScale(2))
                .setCurrency("USD")
                .build());
        assertThatThrownBy(() -> EventJson.fromJson(plan.deepCopy().put("monthly_price", "12.505"), Plan.class))
                .hasMessageContaining("monthly_price: 12.505 has more than 2 decimals");
        assertThatThrownBy(() -> EventJson.fromJson(plan.deepCopy().put("monthly_price", "123456789.00"), Plan.class))
                .hasMessageContaining("has more than 10 digits");
        ObjectNode nested = plan.deepCopy();
        ((ObjectNode) nested.get("overage_unit_prices")).put("meeting_minutes", "cheap");
        assertThatThrownBy(() -> EventJson.fromJson(nested, Plan.class))
                .hasMessageContaining("overage_unit_prices.meeting_minutes: expected a decimal");
        assertThatThrownBy(() -> EventJson.fromJson(plan.deepCopy().putNull("currency"), Plan.class))
                .hasMessageContaining("currency: expected a string, found null");
    }

    private static Meeting.Builder meeting() {
        Instant start = Instant.parse("2026-03-02T08:15:30.250Z");
        return Meeting.newBuilder()
                .setEventId("e-9")
                .setEventTime(start)
                .setSourceSystem("zoom")
                .setMeetingId("m-17")
                .setHostUserId("u-1")
                .setMeetingTopic("Weekly sync")
                .setMeetingType(MeetingType.RECURRING)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(start)
                .setParticipantCount(3)
                .setRecording(true);
    }

    private static ErrorAudit.Builder errorAudit() {
        return ErrorAudit.newBuilder()
                .setErrorType(io.zoommetering.avro.audit.ErrorType.VALIDATION)
                .setErrorDescription("amount is negative")
                .setSourceTable("zoom.billing-events")
                .setSourcePartition(0)
                .setSourceOffset(17)
                .setErrorTimestamp(Instant.parse("2026-03-02T00:00:00Z"))
                .setProcessAuditInfo("intake")
                .setLoadDate(LocalDate.of(2026, 3, 2))
                .setUpdateDate(LocalDate.of(2026, 3, 2))
                .setSourceSystem("zoom-metering");
    }

    private static JsonNode readTree(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
