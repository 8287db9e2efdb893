package io.zoommetering.app.config;

/** A setting is missing, unknown or has a bad value; the message names the setting and where its value came from. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
