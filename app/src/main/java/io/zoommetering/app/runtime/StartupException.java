package io.zoommetering.app.runtime;

/** Start-up could not complete (a dependency is unreachable, a topic cannot be created); carries the exit code. */
public final class StartupException extends RuntimeException {

    private final int exitCode;

    public StartupException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
