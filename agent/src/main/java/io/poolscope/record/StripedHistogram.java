package io.poolscope.record;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of durations in nanoseconds, split into a fixed number of stripes chosen by thread,
 * so threads recording at once rarely touch the same counters. Recording is one atomic increment;
 * memory is fixed ({@link #BUCKETS} longs a stripe), whatever the number of threads.
 *
 * <p>Buckets are log-linear: exact below 16 ns, then 8 buckets per power of two, so a value is
 * known to within 1/16 of itself (reported at its bucket's middle). Every bucket only grows, so a
 * later snapshot is never below an earlier one, bucket by bucket: counts read from it are
 * monotonic and the difference of two snapshots is never negative.
 */
public final class StripedHistogram {

    private static final int SUB_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Longest duration told apart: about 4.9 hours; longer ones fall into the last bucket. */
    private static final int MAX_EXPONENT = 43;
    static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB_BUCKETS;

    private final AtomicLongArray[] stripes;
    private final int mask;

    public StripedHistogram(int stripeCount) {
        int count = Integer.highestOneBit(Math.max(1, stripeCount));
        this.stripes = new AtomicLongArray[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new AtomicLongArray(BUCKETS);
        }
        this.mask = count - 1;
    }

    /** Stripes for this machine: two per core, at most 8. */
    public static int defaultStripes() {
        return Math.min(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2));
    }

    /** A stripe number for the current thread; spreads consecutive thread ids. */
    static int currentStripe() {
        long id = Thread.currentThread().getId();
        return (int) (id ^ (id >>> 7));
    }

    public void recordNanos(int stripe, long nanos) {
        stripes[stripe & mask].getAndIncrement(index(nanos));
    }

    static int index(long nanos) {
        if (nanos < 2 * SUB_BUCKETS) {
            return nanos <= 0 ? 0 : (int) nanos;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The value a bucket stands for: its middle (exact below 16 ns). */
    static long value(int index) {
        if (index < 2 * SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
        long width = 1L << (exponent - SUB_BITS);
        long lower = (long) (SUB_BUCKETS + index % SUB_BUCKETS) << (exponent - SUB_BITS);
        return lower + width / 2;
    }

    /** The stripes added up: a count per bucket, since this histogram was made. */
    public long[] snapshot() {
        long[] sum = new long[BUCKETS];
        for (AtomicLongArray stripe : stripes) {
            for (int i = 0; i < BUCKETS; i++) {
                sum[i] += stripe.get(i);
            }
        }
        return sum;
    }

    static long count(long[] buckets) {
        long total = 0;
        for (long n : buckets) {
            total += n;
        }
        return total;
    }

    /** {@code newer - older}, bucket by bucket. */
    static long[] minus(long[] newer, long[] older) {
        long[] delta = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            delta[i] = Math.max(0L, newer[i] - older[i]);
        }
        return delta;
    }
}
