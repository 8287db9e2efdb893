package io.zoommetering.topology.output.productusageprofile;

import io.zoommetering.avro.gold.ProductUsageProfileKey;
import io.zoommetering.topology.reference.Fraction;
import io.zoommetering.topology.reference.MeteredUsage;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * gold.product-usage-profile the obvious way: every final usage item (MeteredUsage) summed under the plan it counted
 * in, its meter, and the ISO weekday and hour of its business time in the reporting zone, over all time.
 */
public final class ProductUsageProfileReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.product-usage-profile";
    }

    @Override
    public Map<ProductUsageProfileKey, Map<String, Object>> table(ReferenceInput input) {
        Map<ProductUsageProfileKey, Fraction> sums = new LinkedHashMap<>();
        for (MeteredUsage.Item item : MeteredUsage.of(input)) {
            ZonedDateTime local = item.at().atZone(input.zone());
            sums.merge(
                    new ProductUsageProfileKey(
                            item.plan(), item.meter(), local.getDayOfWeek().getValue(), local.getHour()),
                    item.units(),
                    Fraction::plus);
        }
        Map<ProductUsageProfileKey, Map<String, Object>> table = new LinkedHashMap<>();
        sums.forEach((key, usage) -> table.put(key, Map.of("usage", usage.toScale2())));
        return table;
    }
}
