package io.zoommetering.tools.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The demo's console stays the KPI table's: every log line (Kafka's clients and Streams, the embedded broker, the
 * processor) goes to {@code demo.log} in the data directory, and only the warnings that matter are echoed to the
 * console as well: warnings and errors of zoom-metering's own code, and errors of Kafka Streams (a stream thread
 * that dies). The embedded broker's errors (an append refused while a transaction is aborted, say) stay in the file.
 *
 * <p>slf4j-simple writes to whatever {@link System#err} is at each call (its output stream is not cached), so
 * routing is replacing {@code System.err} for as long as the demo runs. The tools' {@code main} shows full logger
 * names ({@link #SHOW_FULL_NAMES}), which tell zoom-metering's warnings from Kafka's.
 */
public final class DemoLogging implements AutoCloseable {

    /** The slf4j-simple system property that, when false, makes every log line carry its logger's full name. */
    public static final String SHOW_FULL_NAMES = "org.slf4j.simpleLogger.showShortLogName";

    private static final String OWN_WARNING = "[WARN] io.zoommetering.";
    private static final String OWN_ERROR = "[ERROR] io.zoommetering.";
    private static final String STREAMS_ERROR = "[ERROR] org.apache.kafka.streams.";

    private final PrintStream previous;
    private final PrintStream router;

    private DemoLogging(PrintStream previous, PrintStream router) {
        this.previous = previous;
        this.router = router;
    }

    /** The log file of a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("demo.log");
    }

    /** Sends {@link System#err} to the data directory's log file, echoing what matters to {@code console}. */
    public static DemoLogging toFile(Path dataDir, PrintStream console) {
        try {
            OutputStream file = Files.newOutputStream(
                    file(dataDir), StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            PrintStream router = new PrintStream(new LineRouter(file, console), true, StandardCharsets.UTF_8);
            PrintStream previous = System.err;
            System.setErr(router);
            return new DemoLogging(previous, router);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo's log " + file(dataDir), e);
        }
    }

    /** Whether a log line is echoed to the console. */
    static boolean matters(String line) {
        return line.contains(OWN_WARNING) || line.contains(OWN_ERROR) || line.contains(STREAMS_ERROR);
    }

    @Override
    public void close() {
        System.setErr(previous);
        router.close();
    }

    /** Writes every line to the file, and those that {@link #matters matter} to the console too. */
    private static final class LineRouter extends OutputStream {
        private final OutputStream file;
        private final PrintStream console;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineRouter(OutputStream file, PrintStream console) {
            this.file = file;
            this.console = console;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            file.write(b);
            line.write(b);
            if (b == '\n') {
                endLine();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            file.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                line.write(bytes[i]);
                if (bytes[i] == '\n') {
                    endLine();
                }
            }
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (matters(text)) {
                console.print(text);
                console.flush();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            file.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            file.close();
        }
    }
}
