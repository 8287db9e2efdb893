package io.zoommetering.topology.output.licensetypedim;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.gold.dim.LicenseTypeDimKey;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** gold.dim.license-type the obvious way: one row per license type of an accepted record (older states arriving late included). */
public final class LicenseTypeDimReference implements OutputReference {

    @Override
    public String topic() {
        return "gold.dim.license-type";
    }

    @Override
    public Map<LicenseTypeDimKey, Map<String, Object>> table(ReferenceInput input) {
        Map<LicenseTypeDimKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof License value) {
                String name = value.getLicenseType();
                table.put(new LicenseTypeDimKey(name), Map.of("license_type", name));
            }
        }
        return table;
    }
}
