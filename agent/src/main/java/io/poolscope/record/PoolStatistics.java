package io.poolscope.record;

import io.poolscope.pools.Secrets;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Counters and duration histograms of one pool. Acquires and releases are the histograms' counts. */
final class PoolStatistics {

    private static final long RECENT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    final PoolTimes times;
    final StripedHistogram creates = new StripedHistogram(1);
    final LongAdder timeouts = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    final LongAdder suspectedLeaks = new LongAdder();
    /** Connections the pool closed while they were out (broken, evicted, or aborted at shutdown). */
    final LongAdder closedWhileOut = new LongAdder();
    private final RecentWindow recentWaits = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private final RecentWindow recentHolds = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private volatile String lastCreateFailure;
    private volatile long lastCreateFailureMillis;
    private volatile long lastCreateFailureNanos;
    private volatile long lastCreateNanos;
    private volatile long lastTimeoutNanos;

    PoolStatistics(int stripes) {
        times = new PoolTimes(stripes);
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

    void timedOut(long nowNanos) {
        timeouts.increment();
        lastTimeoutNanos = nowNanos;
    }

    private static long sinceOrNever(long lastNanos, long count) {
        return count == 0 ? Long.MAX_VALUE : System.nanoTime() - lastNanos;
    }

    /** Called by the scanner. */
    void tick(long nowNanos) {
        times.retireEnded();
        recentWaits.tick(nowNanos, times::waits);
        recentHolds.tick(nowNanos, times::holds);
    }

    StatisticsView view() {
        org.HdrHistogram.Histogram waitsNow = times.waits();
        org.HdrHistogram.Histogram holdsNow = times.holds();
        return new StatisticsView(
                waitsNow.getTotalCount(), timeouts.sum(), failures.sum(), holdsNow.getTotalCount(),
                Percentiles.of(waitsNow), recentWaits.recent(waitsNow),
                Percentiles.of(holdsNow), recentHolds.recent(holdsNow),
                Percentiles.of(creates.snapshot()), createFailures.sum(), lastCreateFailure,
                lastCreateFailureMillis, suspectedLeaks.sum(), closedWhileOut.sum(),
                sinceOrNever(lastTimeoutNanos, timeouts.sum()),
                lastCreateFailureNanos != 0 && lastCreateFailureNanos - lastCreateNanos > 0);
    }
}
