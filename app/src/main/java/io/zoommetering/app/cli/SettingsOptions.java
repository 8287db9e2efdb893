package io.zoommetering.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every processing command shares: a settings file and settings given one by one. */
public final class SettingsOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "A properties file of settings (Kafka, Kafka Streams, zm.*, schema.registry.*).")
    Path configFile;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description = "One setting, over the file and the environment; repeatable (-D zm.emit.mode=FINAL).")
    Map<String, String> settings = new LinkedHashMap<>();

    public Path configFile() {
        return configFile;
    }

    /** The settings given as flags, the highest layer. */
    public Map<String, String> flags() {
        return new LinkedHashMap<>(settings);
    }
}
