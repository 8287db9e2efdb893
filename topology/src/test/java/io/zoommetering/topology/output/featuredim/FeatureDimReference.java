package io.zoommetering.topology.output.featuredim;

import io.zoommetering.avro.gold.dim.FeatureDimKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.feature the obvious way: one row per feature name of an accepted feature usage. */
public final class FeatureDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.feature";
    }

    @Override
    public Map<FeatureDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<FeatureDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof FeatureUsage usage) {
                table.put(new FeatureDimKey(usage.getFeatureName()), Map.of("feature_name", usage.getFeatureName()));
            }
        }
        return table;
    }
}
