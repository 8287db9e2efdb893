package io.zoommetering.topology.errors;

import io.zoommetering.serdes.AvroSerdeException;
import io.zoommetering.serdes.SerdeFailure;
import java.util.EnumSet;
import java.util.Set;

/**
 * Tells a failure of the application's own surroundings from a bad record. A schema registry that cannot be
 * reached or refuses us says nothing about the record: turning every record into an error during an outage would
 * empty the gold layer into the error topic. Such a failure stops the stream thread instead, and the application
 * (io.zoommetering.app's MeteringApp) replaces it after a pause: processing resumes from the last commit.
 */
public final class Outages {

    private static final Set<SerdeFailure> OUTAGES =
            EnumSet.of(SerdeFailure.REGISTRY_UNREACHABLE, SerdeFailure.REGISTRY_ERROR);

    private Outages() {}

    /** Whether the failure, or one of its causes, is the registry's rather than the record's. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AvroSerdeException serde && OUTAGES.contains(serde.reason())) {
                return true;
            }
        }
        return false;
    }
}
