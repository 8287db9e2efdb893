package io.zoommetering.topology.topics;

/**
 * A topic as settings know it: its name in settings ({@code zm.topic.<configName>}; for a gold output also the
 * output's name in metrics and audit records), its default name and what it holds. Each gold output declares its
 * own; {@link TopicId} has the others'.
 */
public record TopicSetting(String configName, String defaultName, String description) {}
