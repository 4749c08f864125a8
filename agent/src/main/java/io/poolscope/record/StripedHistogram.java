package io.poolscope.record;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * A histogram of durations (recorded in microseconds, 2 significant digits, up to one hour) split
 * into stripes chosen by thread, so threads recording at once rarely touch the same counters.
 * Recording is wait-free; a snapshot adds the stripes up.
 */
public final class StripedHistogram {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int SIGNIFICANT_DIGITS = 2;

    private final AtomicHistogram[] stripes;
    private final int mask;

    public StripedHistogram(int stripeCount) {
        int count = Integer.highestOneBit(Math.max(1, stripeCount));
        this.stripes = new AtomicHistogram[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new AtomicHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
        }
        this.mask = count - 1;
    }

    /** Stripes for this machine: a few per core, at most 8. */
    public static int defaultStripes() {
        return Math.min(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2));
    }

    public void recordNanos(int stripe, long nanos) {
        stripes[stripe & mask].recordValue(toMicros(nanos));
    }

    /** Nanoseconds to recorded microseconds, clamped to the trackable range. */
    static long toMicros(long nanos) {
        long micros = nanos / 1_000L;
        return micros < 0 ? 0 : Math.min(micros, HIGHEST_MICROS);
    }

    /** An empty histogram for sums and snapshots: it grows only as far as the values added need. */
    static Histogram newSnapshot() {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    /** The sum of the stripes since start (values in microseconds). */
    public Histogram snapshot() {
        Histogram sum = newSnapshot();
        for (AtomicHistogram stripe : stripes) {
            sum.add(stripe);
        }
        return sum;
    }

    public long count() {
        long total = 0;
        for (AtomicHistogram stripe : stripes) {
            total += stripe.getTotalCount();
        }
        return total;
    }
}
