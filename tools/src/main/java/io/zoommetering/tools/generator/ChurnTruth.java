package io.zoommetering.tools.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator knows about churn and no record says outright: when each account paid, and when and why each
 * paying account cancelled. Filled while a batch is generated ({@link TrafficGenerator#batchEvents(Instant,
 * ChurnTruth)}), to judge a churn-risk score against.
 */
public final class ChurnTruth {

    /** Why an account stopped paying. */
    public enum Cause {
        /** Its satisfaction stayed low for longer than its patience ({@link Satisfaction}). */
        DISSATISFIED,
        /** Unhappy when charged for a renewal: it asked for the money back and left. */
        REFUND_AT_RENEWAL,
        /** For no reason the records show (a firm closing down): a small share no score can foresee. */
        UNEXPLAINED,
        /** The live mode's frequent billing changes. */
        LIVE
    }

    public record Cancellation(String userId, Instant at, Cause cause) {}

    /** A span in which an account paid: from its first fee (or the start of the batch) to its cancellation. */
    public record Paying(Instant from, Instant to) {
        boolean covers(Instant at) {
            return !at.isBefore(from) && (to == null || at.isBefore(to));
        }
    }

    /** Records nothing: for the live mode, whose memory must stay bounded. */
    static final ChurnTruth NONE = new ChurnTruth(false);

    private final boolean recording;
    private final List<Cancellation> cancellations = new ArrayList<>();
    private final Map<String, List<Paying>> paying = new HashMap<>();

    public ChurnTruth() {
        this(true);
    }

    private ChurnTruth(boolean recording) {
        this.recording = recording;
    }

    /** Every cancellation of a paying account, in event-time order. */
    public List<Cancellation> cancellations() {
        return Collections.unmodifiableList(cancellations);
    }

    /** Whether the account was paying at the instant. */
    public boolean isPaying(String userId, Instant at) {
        for (Paying span : paying.getOrDefault(userId, List.of())) {
            if (span.covers(at)) {
                return true;
            }
        }
        return false;
    }

    /** The accounts that paid at some time. */
    public java.util.Set<String> payingAccounts() {
        return Collections.unmodifiableSet(paying.keySet());
    }

    void startedPaying(String userId, Instant at) {
        if (recording) {
            List<Paying> spans = paying.computeIfAbsent(userId, id -> new ArrayList<>());
            if (spans.isEmpty() || spans.get(spans.size() - 1).to() != null) {
                spans.add(new Paying(at, null));
            }
        }
    }

    void cancelled(String userId, Instant at, Cause cause) {
        if (recording) {
            cancellations.add(new Cancellation(userId, at, cause));
            List<Paying> spans = paying.get(userId);
            if (spans != null && !spans.isEmpty() && spans.get(spans.size() - 1).to() == null) {
                spans.set(
                        spans.size() - 1, new Paying(spans.get(spans.size() - 1).from(), at));
            }
        }
    }
}
