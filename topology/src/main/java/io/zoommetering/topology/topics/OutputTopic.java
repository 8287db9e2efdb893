package io.zoommetering.topology.topics;

/**
 * The topic a gold output writes, as the output declares it: its name in settings ({@code zm.topic.<configName>},
 * also the output's name in metrics and audit records), its default name and what it holds.
 */
public record OutputTopic(String configName, String defaultName, String description) {}
