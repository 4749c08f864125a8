package io.poolscope.record;

import org.HdrHistogram.Histogram;

/** Count and percentiles of one duration histogram, in nanoseconds. */
public final class Percentiles {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0);

    private final long count;
    private final long p50;
    private final long p95;
    private final long p99;
    private final long max;
    private final long mean;

    private Percentiles(long count, long p50, long p95, long p99, long max, long mean) {
        this.count = count;
        this.p50 = p50;
        this.p95 = p95;
        this.p99 = p99;
        this.max = max;
        this.mean = mean;
    }

    /** From a histogram of microseconds. */
    static Percentiles of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Percentiles(micros.getTotalCount(),
                nanos(micros.getValueAtPercentile(50)), nanos(micros.getValueAtPercentile(95)),
                nanos(micros.getValueAtPercentile(99)), nanos(micros.getMaxValue()),
                (long) (micros.getMean() * 1_000L));
    }

    private static long nanos(long micros) {
        return micros * 1_000L;
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
}
