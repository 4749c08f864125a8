package io.poolscope.record;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The wait and hold times one thread recorded for one pool. Only that thread writes, so recording
 * is plain increments, no atomics; readers add it into their snapshot while it may be written,
 * which at worst misses the last few values. The histograms start small and grow only as far as
 * the longest value recorded.
 */
final class ThreadTimes {

    private static final int SIGNIFICANT_DIGITS = 2;

    final ThreadState owner;
    // long counts: an int bucket would overflow after hours of a busy pool's sub-microsecond waits
    private final Histogram waits = newHistogram();
    private final Histogram holds = newHistogram();

    ThreadTimes(ThreadState owner) {
        this.owner = owner;
    }

    private static Histogram newHistogram() {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    void recordWait(long nanos) {
        waits.recordValue(StripedHistogram.toMicros(nanos));
    }

    void recordHold(long nanos) {
        holds.recordValue(StripedHistogram.toMicros(nanos));
    }

    /** Adds the waits into {@code sum}; returns false if the owner was mid-resize (the caller may retry). */
    boolean addWaitsTo(Histogram sum) {
        return addTo(waits, sum);
    }

    boolean addHoldsTo(Histogram sum) {
        return addTo(holds, sum);
    }

    private static boolean addTo(AbstractHistogram source, Histogram sum) {
        try {
            sum.add(source);
            return true;
        } catch (RuntimeException concurrentResize) {
            return false;
        }
    }

    boolean isOwnerGone() {
        Thread thread = owner.thread();
        return thread == null || !thread.isAlive();
    }
}
