package io.zoommetering.app.events;

/** A line of an event file that cannot be read: names the file and the line. */
public final class EventFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long lineNumber;

    public EventFileException(String source, long lineNumber, String message, Throwable cause) {
        super(source + ":" + lineNumber + ": " + message, cause);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    /** The file (or other source) the line is in. */
    public String source() {
        return source;
    }

    /** The line's number, from 1. */
    public long lineNumber() {
        return lineNumber;
    }
}
