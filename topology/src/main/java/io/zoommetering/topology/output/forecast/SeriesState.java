package io.zoommetering.topology.output.forecast;

import io.zoommetering.topology.state.CompactSerde;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the forecaster keeps of one series (stream, plan): its model, the first hour it has not consumed, the
 * totals heard for that hour and later ones, and the load_date of each forecast hour it has written and may write
 * again.
 */
final class SeriesState {

    final String stream;
    final String plan;
    final HoltWinters model;
    /** The first hour not consumed yet (epoch hour); before the first consumption, the earliest hour heard. */
    long nextHour;
    /** Epoch hour to its latest total, for hours from nextHour on. */
    final TreeMap<Long, Long> pending;
    /** Forecast epoch hour to the epoch day its row was first written, for hours after the newest consumed one. */
    final TreeMap<Long, Long> loadDays;

    private SeriesState(
            String stream,
            String plan,
            HoltWinters model,
            long nextHour,
            TreeMap<Long, Long> pending,
            TreeMap<Long, Long> loadDays) {
        this.stream = stream;
        this.plan = plan;
        this.model = model;
        this.nextHour = nextHour;
        this.pending = pending;
        this.loadDays = loadDays;
    }

    static SeriesState first(String stream, String plan, long hour, HoltWinters.Parameters parameters) {
        return new SeriesState(stream, plan, new HoltWinters(parameters), hour, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * Takes the hour's latest total (absolute: a repeat replaces, never adds).
     *
     * @return false for an hour already consumed (a restatement after the close), which the model never sees
     */
    boolean hear(long hour, long events) {
        if (hour < nextHour) {
            if (consumedAny()) {
                return false;
            }
            nextHour = hour;
        }
        pending.put(hour, events);
        return true;
    }

    /**
     * Consumes every hour through {@code closedThrough}, an hour without a total as 0.
     *
     * @return whether any hour was consumed
     */
    boolean consumeThrough(long closedThrough) {
        boolean consumed = false;
        while (nextHour <= closedThrough) {
            Long total = pending.remove(nextHour);
            model.update(nextHour, total == null ? 0 : total);
            nextHour++;
            consumed = true;
        }
        loadDays.headMap(nextHour, false).clear();
        return consumed;
    }

    /** The newest hour heard, consumed or pending (epoch hour). */
    long newestHeard() {
        return pending.isEmpty() ? nextHour - 1 : Math.max(pending.lastKey(), nextHour - 1);
    }

    private boolean consumedAny() {
        return model.hoursSeen() > 0;
    }

    /** The compact state format of series states. */
    static CompactSerde<SeriesState> serde(HoltWinters.Parameters parameters) {
        return new CompactSerde<>() {
            @Override
            protected void write(SeriesState value, Output out) {
                out.writeString(value.stream);
                out.writeString(value.plan);
                value.model.write(out);
                out.writeLong(value.nextHour);
                writeMap(value.pending, out);
                writeMap(value.loadDays, out);
            }

            @Override
            protected SeriesState read(Input in) {
                return new SeriesState(
                        in.readString(),
                        in.readString(),
                        HoltWinters.read(parameters, in),
                        in.readLong(),
                        readMap(in),
                        readMap(in));
            }
        };
    }

    private static void writeMap(Map<Long, Long> map, CompactSerde.Output out) {
        out.writeCount(map.size());
        map.forEach((key, value) -> {
            out.writeLong(key);
            out.writeLong(value);
        });
    }

    private static TreeMap<Long, Long> readMap(CompactSerde.Input in) {
        TreeMap<Long, Long> map = new TreeMap<>();
        for (int count = in.readCount(); count > 0; count--) {
            map.put(in.readLong(), in.readLong());
        }
        return map;
    }
}
