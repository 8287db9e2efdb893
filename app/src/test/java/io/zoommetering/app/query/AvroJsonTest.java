package io.zoommetering.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.Mrr;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void shouldWriteMoneyAsExactDecimalStringsAndOptionalFieldsAsNull() {
        Mrr mrr = new Mrr(
                new BigDecimal("1234.50"),
                3L,
                new BigDecimal("411.50"),
                LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-05"),
                "zoom-metering");

        assertThat(AvroJson.of(mrr).toString())
                .isEqualTo(
                        "{\"monthly_recurring_revenue\":\"1234.50\",\"paying_accounts\":3,\"arpu\":\"411.50\","
                                + "\"load_date\":\"2026-11-01\",\"update_date\":\"2026-11-05\",\"source_system\":\"zoom-metering\"}");
        mrr.setArpu(null);
        assertThat(AvroJson.of(mrr).get("arpu").isNull()).isTrue();
    }

    @Test
    void shouldWriteEnumsByNameAndTimestampsAsInstants() {
        EventTotalsKey key =
                new EventTotalsKey("meetings", "PRO", PeriodType.HOURLY, Instant.parse("2026-11-05T10:00:00Z"));

        assertThat(AvroJson.of(key).toString())
                .isEqualTo("{\"stream\":\"meetings\",\"plan_type\":\"PRO\",\"period\":\"HOURLY\","
                        + "\"bucket_start\":\"2026-11-05T10:00:00Z\"}");
    }
}
