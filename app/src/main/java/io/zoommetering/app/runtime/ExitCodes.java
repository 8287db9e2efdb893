package io.zoommetering.app.runtime;

/** The process exit codes, for operators and orchestrators: anything but 0 asks for a restart or a fix. */
public final class ExitCodes {

    /** Ran and stopped as asked (SIGTERM, Ctrl-C, the end of a demo). */
    public static final int OK = 0;
    /** The processor stopped on a fatal error (the Streams uncaught-exception handler shut the client down). */
    public static final int FATAL = 1;
    /** A bad command line or setting: the message names it. Restarting will not help. */
    public static final int BAD_SETTINGS = 2;
    /**
     * Kafka or the Schema Registry could not be reached at start-up, or Kafka refused this client: a failed TLS
     * handshake, a refused login, or missing ACLs (the message names each missing permission).
     */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {}
}
