package io.poolscope.record;

import io.poolscope.pools.Secrets;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and duration histograms of one pool; memory fixed by the number of stripes, not by the
 * number of threads. Every count only grows. Leases and releases are the counts of the wait and
 * hold histograms that the hot path records anyway; the rare outcomes have counters of their own.
 */
final class PoolStatistics {

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
        long[] holdsNow = holds.snapshot();
        long closed = closedWhileOut.sum();
        long reclaims = reclaimed.sum();
        long unseen = endedUnseen.sum();
        long[] leaseWaitsNow = leaseWaits.snapshot();
        long timeoutCount = timeouts.sum();
        long failureCount = failures.sum();
        long[] waitsNow = allWaits(leaseWaitsNow);
        long leases = StripedHistogram.count(leaseWaitsNow);
        return new StatisticsView(leases + timeoutCount + failureCount, leases, timeoutCount, failureCount,
                StripedHistogram.count(holdsNow), closed, reclaims, unseen,
                Percentiles.of(waitsNow), recentWaits.recent(waitsNow),
                Percentiles.of(holdsNow), recentHolds.recent(holdsNow),
                Percentiles.of(creates.snapshot()), createFailures.sum(), lastCreateFailure,
                lastCreateFailureMillis, suspectedLeaks.sum(),
                sinceOrNever(lastTimeoutNanos, timeoutCount),
                lastCreateFailureNanos != 0 && lastCreateFailureNanos - lastCreateNanos > 0);
    }
}
