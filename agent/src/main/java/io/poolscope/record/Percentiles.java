package io.poolscope.record;

/** Count and percentiles of one duration histogram, in nanoseconds (each within 1/16 of the value). */
public final class Percentiles {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0.0);

    private final long count;
    private final long p50;
    private final long p95;
    private final long p99;
    private final long max;
    private final long mean;
    private final double sum;

    private Percentiles(long count, long p50, long p95, long p99, long max, long mean, double sum) {
        this.count = count;
        this.p50 = p50;
        this.p95 = p95;
        this.p99 = p99;
        this.max = max;
        this.mean = mean;
        this.sum = sum;
    }

    /** From the bucket counts of a {@link StripedHistogram}. */
    static Percentiles of(long[] buckets) {
        long count = StripedHistogram.count(buckets);
        if (count == 0) {
            return EMPTY;
        }
        double sum = 0;
        int highest = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0) {
                sum += (double) buckets[i] * StripedHistogram.value(i);
                highest = i;
            }
        }
        return new Percentiles(count, at(buckets, count, 0.50), at(buckets, count, 0.95), at(buckets, count, 0.99),
                StripedHistogram.value(highest), (long) (sum / count), sum);
    }

    private static long at(long[] buckets, long count, double quantile) {
        long rank = Math.max(1L, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return StripedHistogram.value(i);
            }
        }
        return StripedHistogram.value(buckets.length - 1);
    }

    public long count() {
        return count;
    }

    public long p50() {
        return p50;
    }

    public long p95() {
        return p95;
    }

    public long p99() {
        return p99;
    }

    public long max() {
        return max;
    }

    public long mean() {
        return mean;
    }

    /** The sum of all durations, each counted at its bucket's value (so within 1/16 of the true sum). */
    public double sumNanos() {
        return sum;
    }
}
