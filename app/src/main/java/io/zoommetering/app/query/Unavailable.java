package io.zoommetering.app.query;

/**
 * The answer would be incomplete or stale: a store is restoring or migrating, the group is rebalancing, or an
 * instance owning part of the data did not answer. The API answers 503 with this reason, never partial rows.
 */
final class Unavailable extends RuntimeException {

    Unavailable(String reason) {
        super(reason);
    }

    Unavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
