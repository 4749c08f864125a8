package io.poolscope.record;

import io.poolscope.pools.Secrets;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and duration histograms of one pool; memory fixed by the number of stripes, not by the
 * number of threads. Every count only grows. Leases and releases are the counts of the wait and
 * hold histograms that the hot path records anyway; the rare outcomes have counters of their own.
 * {@link #reset} zeroes nothing: it keeps a copy of the counts, which views subtract.
 */
final class PoolStatistics {

    /** The counts at the last reset, read in the order {@link #view()} reads them. */
    private static final class Baseline {
        static final Baseline NONE = new Baseline();

        final long atNanos;
        final long[] holds;
        final long closed;
        final long reclaimed;
        final long unseen;
        final long[] leaseWaits;
        final long timeouts;
        final long failures;
        final long[] waits;
        final long[] creates;
        final long createFailures;
        final long suspectedLeaks;
        /** The leases that ended before the reset: a lease out at the reset counts as taken at it. */
        final long endedLeases;

        private Baseline() {
            atNanos = Long.MIN_VALUE;
            holds = leaseWaits = waits = creates = null;
            closed = reclaimed = unseen = timeouts = failures = createFailures = suspectedLeaks = endedLeases = 0;
        }

        Baseline(PoolStatistics s, long nowNanos) {
            atNanos = nowNanos;
            holds = s.holds.snapshot();
            closed = s.closedWhileOut.sum();
            reclaimed = s.reclaimed.sum();
            unseen = s.endedUnseen.sum();
            leaseWaits = s.leaseWaits.snapshot();
            timeouts = s.timeouts.sum();
            failures = s.failures.sum();
            waits = s.allWaits(leaseWaits);
            creates = s.creates.snapshot();
            createFailures = s.createFailures.sum();
            suspectedLeaks = s.suspectedLeaks.sum();
            endedLeases = StripedHistogram.count(holds) + closed + reclaimed + unseen;
        }

        long[] minus(long[] now, long[] base) {
            return base == null ? now : StripedHistogram.minus(now, base);
        }
    }

    private volatile Baseline baseline = Baseline.NONE;

    private static final long RECENT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Waits of the acquires that ended in a lease. */
    final StripedHistogram leaseWaits;
    /** Waits of the acquires that timed out or failed: rare, one stripe. */
    final StripedHistogram failedWaits = new StripedHistogram(1);
    final StripedHistogram holds;
    final StripedHistogram creates = new StripedHistogram(1);
    final LongAdder timeouts = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    final LongAdder suspectedLeaks = new LongAdder();
    /** Connections the pool closed while they were out (broken, evicted, or aborted at shutdown). */
    final LongAdder closedWhileOut = new LongAdder();
    /** Leases the pool took back from their holder (abandoned-connection removal). */
    final LongAdder reclaimed = new LongAdder();
    /** Leases that ended without poolscope seeing it: the pool handed their key out again. */
    final LongAdder endedUnseen = new LongAdder();
    private final RecentWindow recentWaits = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private final RecentWindow recentHolds = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private volatile String lastCreateFailure;
    private volatile long lastCreateFailureMillis;
    private volatile long lastCreateFailureNanos;
    private volatile long lastCreateNanos;
    private volatile long lastTimeoutNanos;

    PoolStatistics(int stripes) {
        leaseWaits = new StripedHistogram(stripes);
        holds = new StripedHistogram(stripes);
    }

    void createFailed(Throwable thrown) {
        createFailures.increment();
        String text = Secrets.mask(String.valueOf(thrown));
        lastCreateFailure = text.length() > 500 ? text.substring(0, 500) + "..." : text;
        lastCreateFailureMillis = System.currentTimeMillis();
        lastCreateFailureNanos = System.nanoTime();
    }

    void created(long tookNanos) {
        creates.recordNanos(0, tookNanos);
        lastCreateNanos = System.nanoTime();
    }

    void timedOut(long waitNanos, long nowNanos) {
        failedWaits.recordNanos(0, waitNanos);
        timeouts.increment();
        lastTimeoutNanos = nowNanos;
    }

    /** An acquire failed after {@code waitNanos}; -1 when its end was found late (a stale frame). */
    void failed(long waitNanos) {
        if (waitNanos >= 0) {
            failedWaits.recordNanos(0, waitNanos);
        }
        failures.increment();
    }

    private static long sinceOrNever(long lastNanos, long count) {
        return count == 0 ? Long.MAX_VALUE : System.nanoTime() - lastNanos;
    }

    /** Every acquire's wait: {@code leaseWaitsNow} (a snapshot of {@link #leaseWaits}) and the failed ones. */
    private long[] allWaits(long[] leaseWaitsNow) {
        long[] waits = leaseWaitsNow.clone();
        long[] failed = failedWaits.snapshot();
        for (int i = 0; i < waits.length; i++) {
            waits[i] += failed[i];
        }
        return waits;
    }

    /**
     * Counts start again from here. The leases out now count as taken at the reset, so a view still
     * shows no more releases than leases; the percentiles are of what was recorded since.
     */
    void reset(long nowNanos) {
        baseline = new Baseline(this, nowNanos);
    }

    /** Called by the scanner. */
    void tick(long nowNanos) {
        recentWaits.tick(nowNanos, () -> allWaits(leaseWaits.snapshot()));
        recentHolds.tick(nowNanos, holds::snapshot);
    }

    /**
     * A copy whose counts agree: what ends a lease is read before the leases, and those before
     * the acquires' other outcomes, so a copy never shows more releases than leases.
     */
    StatisticsView view() {
        Baseline base = baseline;
        long[] holdsRaw = holds.snapshot();
        long[] holdsNow = base.minus(holdsRaw, base.holds);
        long closed = closedWhileOut.sum() - base.closed;
        long reclaims = reclaimed.sum() - base.reclaimed;
        long unseen = endedUnseen.sum() - base.unseen;
        long[] leaseWaitsRaw = leaseWaits.snapshot();
        long timeoutsRaw = timeouts.sum();
        long timeoutCount = timeoutsRaw - base.timeouts;
        long failureCount = failures.sum() - base.failures;
        long[] waitsRaw = allWaits(leaseWaitsRaw);
        long[] waitsNow = base.minus(waitsRaw, base.waits);
        long leases = StripedHistogram.count(leaseWaitsRaw) - base.endedLeases;
        return new StatisticsView(leases + timeoutCount + failureCount, leases, timeoutCount, failureCount,
                StripedHistogram.count(holdsNow), closed, reclaims, unseen,
                Percentiles.of(waitsNow), recentWaits.recent(waitsRaw, base.waits, base.atNanos),
                Percentiles.of(holdsNow), recentHolds.recent(holdsRaw, base.holds, base.atNanos),
                Percentiles.of(base.minus(creates.snapshot(), base.creates)), createFailures.sum() - base.createFailures,
                lastCreateFailure, lastCreateFailureMillis, suspectedLeaks.sum() - base.suspectedLeaks,
                sinceOrNever(lastTimeoutNanos, timeoutsRaw),
                lastCreateFailureNanos != 0 && lastCreateFailureNanos - lastCreateNanos > 0);
    }
}
