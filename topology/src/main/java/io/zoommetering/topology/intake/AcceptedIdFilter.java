package io.zoommetering.topology.intake;

import java.util.function.Predicate;

/**
 * A Bloom filter over the event ids one intake processor has accepted and still remembers, in front of the
 * duplicate check: an id the filter has never seen cannot be in the store, so the store's lookup, a windowed
 * fetch that opens an iterator on every segment of the window store, is skipped for it. Nearly every record is
 * new, so nearly every lookup is skipped; an id the filter may have seen (a duplicate, or a false positive, about
 * 1 % at full capacity) is looked up as before, so the check stays exact.
 *
 * <p>A Bloom filter cannot forget, and the store forgets ids past the dedup horizon: the filter is rebuilt from
 * the store's ids whenever it has taken in as many ids as it was sized for, at two to four times the count found
 * then. A rebuild reads each remembered id twice, after at least as many new ids were accepted, so it costs about
 * two store entry reads per accepted record; the filter holds 20 to 80 bits per remembered id. Beyond
 * a quarter of {@link #MAX_CAPACITY} remembered ids (a busy stream with a long horizon) it would cost more memory than it
 * saves: it then answers "maybe" for every id until a rebuild finds fewer, and every record is looked up.
 *
 * <p>It lives in memory only, belongs to one processor of one task (never shared between threads), and is built
 * from the store when the processor is initialised, so it is as exact after a restart or a rebalance as the store.
 * Public for the benchmarks (DedupBenchmark), which measure the lookups it saves.
 */
public final class AcceptedIdFilter {

    /** The smallest capacity, in ids: 16 KiB of bits, so a quiet stream's task does not rebuild often. */
    static final int MIN_CAPACITY = 1 << 14;

    /** The largest capacity, in ids: 32 MiB of bits per stream and task. */
    static final int MAX_CAPACITY = 1 << 24;

    private static final int BITS_PER_ID = 10;
    private static final int HASHES = 7;

    /** Reads the ids the store remembers, handing each to the action until it returns false. */
    public interface Source {
        void forEachId(Predicate<String> action);
    }

    private final Source source;
    /** Null while there are too many ids to filter: every id might be contained. */
    private long[] bits;

    private long mask;
    private int capacity;
    private int added;

    public AcceptedIdFilter(Source source) {
        this.source = source;
        rebuild();
    }

    /** False when the id was certainly never added since the last rebuild (and so is not in the store). */
    public boolean mightContain(String id) {
        if (bits == null) {
            return true;
        }
        long hash = hash(id);
        long h1 = hash;
        long h2 = mix(hash) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** An id the store now remembers. */
    public void add(String id) {
        if (added >= capacity) {
            // Sized for this many: rebuilding from the store sheds the ids it has forgotten and resizes.
            rebuild();
        }
        set(id);
    }

    int capacity() {
        return capacity;
    }

    private void rebuild() {
        int[] remembered = {0};
        source.forEachId(id -> ++remembered[0] <= MAX_CAPACITY / 4);
        added = 0;
        if (remembered[0] > MAX_CAPACITY / 4) {
            // Too many to filter: try again once as many ids as the filter could hold have been accepted.
            bits = null;
            capacity = MAX_CAPACITY;
            return;
        }
        capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, remembered[0])) << 2);
        long size = (long) capacity * BITS_PER_ID;
        int words = (int) (Long.highestOneBit(size - 1) << 1 >>> 6);
        bits = new long[words];
        mask = (long) words * 64 - 1;
        source.forEachId(id -> {
            set(id);
            return true;
        });
    }

    private void set(String id) {
        added++;
        if (bits == null) {
            return;
        }
        long hash = hash(id);
        long h1 = hash;
        long h2 = mix(hash) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** FNV-1a over the id's chars, finished by a 64-bit mixer so that close ids spread over all bits. */
    private static long hash(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    /** The finaliser of SplitMix64. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
