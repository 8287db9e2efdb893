package io.zoommetering.topology.output.accountusage;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.AccountUsage;
import io.zoommetering.avro.gold.AccountUsageKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each account's exact usage per meter and bucket, and writes the bucket's row when its rounded usage changes.
 * The usage events are those gold.usage-by-product sums (a correction or a withdrawn meeting state arrives as a
 * negative delta with records -1), so both tables move together; a bucket's row exists while a record contributes to
 * it, even at usage 0, and is deleted (a tombstone) when the last one is withdrawn.
 */
final class AccountUsageLedger implements Ledger {

    private static final int CENTS = 2;

    /** A bucket's exact usage, the records contributing to it, and the epoch day its row was first written. */
    record Bucket(Fraction usage, long records, long loadDay) {}

    private final KeyValueStore<String, Bucket> buckets;
    private final Periods periods;
    private final LedgerContext context;

    AccountUsageLedger(LedgerContext context) {
        this.buckets = context.store(AccountUsageOutput.BUCKETS);
        this.periods = context.periods();
        this.context = context;
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        for (PeriodType period : Periods.BUCKETS) {
            add(new AccountUsageKey(account, meter, period, periods.bucketStart(period, at)), delta, records);
        }
    }

    private void add(AccountUsageKey key, Fraction delta, int records) {
        String storeKey = storeKey(key);
        Bucket before = buckets.get(storeKey);
        Fraction usage = before == null ? delta : before.usage().plus(delta);
        long contributing = (before == null ? 0 : before.records()) + records;
        if (contributing <= 0) {
            buckets.delete(storeKey);
            if (before != null) {
                context.write(AccountUsageOutput.INSTANCE, key, null);
            }
            return;
        }
        Lineage lineage = context.lineageNow();
        long loadDay = before == null ? lineage.loadDate().toEpochDay() : before.loadDay();
        buckets.put(storeKey, new Bucket(usage, contributing, loadDay));
        BigDecimal rounded = usage.rounded(CENTS);
        if (before == null || before.usage().rounded(CENTS).compareTo(rounded) != 0) {
            context.write(AccountUsageOutput.INSTANCE, key, row(rounded, loadDay, lineage));
        }
    }

    /** The row of a kept bucket, as the ledger wrote it last: the rounded usage only changes with a write. */
    static AccountUsage row(Bucket bucket, Lineage lineage) {
        return row(bucket.usage().rounded(CENTS), bucket.loadDay(), lineage);
    }

    private static AccountUsage row(BigDecimal rounded, long loadDay, Lineage lineage) {
        return new AccountUsage(rounded, LocalDate.ofEpochDay(loadDay), lineage.updateDate(), lineage.sourceSystem());
    }

    /** Account first, so that an account's buckets are one prefix of the store. */
    static String storeKey(AccountUsageKey key) {
        return StoreKeys.of(
                key.getUserId(),
                key.getMeter(),
                key.getPeriod().name(),
                Long.toString(key.getBucketStart().toEpochMilli()));
    }

    static AccountUsageKey keyOf(String storeKey) {
        String[] parts = StoreKeys.parts(storeKey);
        return new AccountUsageKey(
                parts[0], parts[1], PeriodType.valueOf(parts[2]), Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }

    static final class BucketSerde extends CompactSerde<Bucket> {

        @Override
        protected void write(Bucket value, Output out) {
            out.writeString(value.usage().numerator().toString());
            out.writeString(value.usage().denominator().toString());
            out.writeLong(value.records());
            out.writeLong(value.loadDay());
        }

        @Override
        protected Bucket read(Input in) {
            Fraction usage = Fraction.of(new BigInteger(in.readString()), new BigInteger(in.readString()));
            return new Bucket(usage, in.readLong(), in.readLong());
        }
    }
}
