package io.zoommetering.topology.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * What an {@link OutputReference} computes its table from.
 *
 * @param accepted the accepted records' values in processing order (tombstones left out), duplicates, invalid and
 *                 late records excluded
 * @param zone     the reporting time zone
 * @param activity who is active in which DAILY, WEEKLY and MONTHLY period, computed from the accepted records
 * @param currencyRates rate of each accepted currency to the reporting currency
 * @param grace    the grace period (zm.grace), after which a period is closed by stream time
 */
public record ReferenceInput(
        List<SpecificRecord> accepted,
        ZoneId zone,
        Activity activity,
        Map<String, BigDecimal> currencyRates,
        Duration grace) {}
