package io.zoommetering.topology.output.accountusage;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.AccountUsageKey;
import io.zoommetering.topology.reference.Fraction;
import io.zoommetering.topology.reference.MeteredUsage;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gold.account-usage the obvious way: every final usage item (MeteredUsage) summed under its account, meter and the
 * hour and day of its business time in the reporting zone, whatever plan it counted under; a bucket with an item
 * has a row, even at 0.
 */
public final class AccountUsageReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.account-usage";
    }

    @Override
    public Map<AccountUsageKey, Map<String, Object>> table(ReferenceInput input) {
        Map<AccountUsageKey, Fraction> sums = new LinkedHashMap<>();
        for (MeteredUsage.Item item : MeteredUsage.of(input)) {
            ZonedDateTime local = item.at().atZone(input.zone());
            Instant hour = local.truncatedTo(ChronoUnit.HOURS).toInstant();
            Instant day = local.toLocalDate().atStartOfDay(input.zone()).toInstant();
            sums.merge(
                    new AccountUsageKey(item.account(), item.meter(), PeriodType.HOURLY, hour),
                    item.units(),
                    Fraction::plus);
            sums.merge(
                    new AccountUsageKey(item.account(), item.meter(), PeriodType.DAILY, day),
                    item.units(),
                    Fraction::plus);
        }
        Map<AccountUsageKey, Map<String, Object>> table = new LinkedHashMap<>();
        sums.forEach((key, usage) -> table.put(key, Map.of("usage", usage.toScale2())));
        return table;
    }
}
