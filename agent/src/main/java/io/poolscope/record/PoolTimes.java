package io.poolscope.record;

import org.HdrHistogram.Histogram;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * Wait and hold times of one pool: a {@link ThreadTimes} per thread that uses the pool (so the hot
 * path has no atomics), the sum of the threads that ended, and a shared striped histogram for the
 * threads beyond {@link #MAX_THREADS}, which keeps memory bounded.
 */
final class PoolTimes {

    static final int MAX_THREADS = 1024;

    private final ConcurrentLinkedQueue<ThreadTimes> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveCount = new AtomicInteger();
    private final Histogram retiredWaits = StripedHistogram.newSnapshot(); // guarded by this
    private final Histogram retiredHolds = StripedHistogram.newSnapshot(); // guarded by this
    private final int stripes;
    private volatile StripedHistogram overflowWaits; // created when the first thread beyond MAX_THREADS comes
    private volatile StripedHistogram overflowHolds;

    PoolTimes(int stripes) {
        this.stripes = stripes;
    }

    /** A new per-thread record, or {@code null} when {@link #MAX_THREADS} threads have one. */
    ThreadTimes register(ThreadState thread) {
        if (liveCount.incrementAndGet() > MAX_THREADS) {
            liveCount.decrementAndGet();
            createOverflow();
            return null;
        }
        ThreadTimes times = new ThreadTimes(thread);
        live.add(times);
        return times;
    }

    private synchronized void createOverflow() {
        if (overflowWaits == null) {
            overflowHolds = new StripedHistogram(stripes);
            overflowWaits = new StripedHistogram(stripes);
        }
    }

    void recordWait(ThreadState thread, ThreadTimes times, long nanos) {
        if (times != null) {
            times.recordWait(nanos);
        } else {
            overflowWaits.recordNanos(thread.stripe, nanos);
        }
    }

    void recordHold(ThreadState thread, ThreadTimes times, long nanos) {
        if (times != null) {
            times.recordHold(nanos);
        } else {
            overflowHolds.recordNanos(thread.stripe, nanos);
        }
    }

    /** Since start; taken under the lock that retiring takes, so no thread's record is counted twice or missed. */
    synchronized Histogram waits() {
        return sum(retiredWaits, overflowWaits, ThreadTimes::addWaitsTo);
    }

    synchronized Histogram holds() {
        return sum(retiredHolds, overflowHolds, ThreadTimes::addHoldsTo);
    }

    // guarded by this
    private Histogram sum(Histogram retired, StripedHistogram overflow, BiPredicate<ThreadTimes, Histogram> addTo) {
        Histogram sum = StripedHistogram.newSnapshot();
        sum.add(retired);
        if (overflow != null) {
            sum.add(overflow.snapshot());
        }
        for (ThreadTimes times : live) {
            if (!addTo.test(times, sum)) {
                addTo.test(times, sum); // the owner was resizing its histogram: once more
            }
        }
        return sum;
    }

    /** Folds the records of threads that ended into the retired sums. Called by the scanner. */
    synchronized void retireEnded() {
        for (Iterator<ThreadTimes> it = live.iterator(); it.hasNext(); ) {
            ThreadTimes times = it.next();
            if (times.isOwnerGone()) {
                times.addWaitsTo(retiredWaits);
                times.addHoldsTo(retiredHolds);
                it.remove();
                liveCount.decrementAndGet();
            }
        }
    }
}
