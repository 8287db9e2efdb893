package io.zoommetering.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings as flat key/value strings, built up in layers: a later layer overrides an earlier one key by key, and
 * every value remembers where it came from, so that an error can say which file, variable or flag to fix.
 */
public final class LayeredSettings {

    /** A value and the layer it came from ("code default", "file app.properties", "environment ZM_EMIT_MODE"). */
    public record Setting(String value, String source) {}

    private final Map<String, Setting> settings = new LinkedHashMap<>();

    /** Puts every entry of {@code layer} over what is there, all from one source. */
    public LayeredSettings layer(String source, Map<String, String> layer) {
        layer.forEach((key, value) -> settings.put(key, new Setting(value, source)));
        return this;
    }

    /** Puts entries that each carry their own source (the environment: one variable each). */
    public LayeredSettings layerWithSources(Map<String, Setting> layer) {
        settings.putAll(layer);
        return this;
    }

    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, setting) -> values.put(key, setting.value()));
        return values;
    }

    public Map<String, Setting> settings() {
        return Collections.unmodifiableMap(settings);
    }

    /** Where a key's value came from, or null when it is not set. */
    public String sourceOf(String key) {
        Setting setting = settings.get(key);
        return setting == null ? null : setting.source();
    }
}
