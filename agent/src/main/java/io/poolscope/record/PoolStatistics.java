package io.poolscope.record;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Counters and duration histograms of one pool. Acquires and releases are the histograms' counts. */
final class PoolStatistics {

    private static final long RECENT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    final StripedHistogram waits;
    final StripedHistogram holds;
    final StripedHistogram creates = new StripedHistogram(1);
    final LongAdder timeouts = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    final LongAdder suspectedLeaks = new LongAdder();
    private final RecentWindow recentWaits = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private final RecentWindow recentHolds = new RecentWindow(RECENT_WINDOW_NANOS, 6);
    private volatile String lastCreateFailure;
    private volatile long lastCreateFailureMillis;

    PoolStatistics(int stripes) {
        waits = new StripedHistogram(stripes);
        holds = new StripedHistogram(stripes);
    }

    void createFailed(Throwable thrown) {
        createFailures.increment();
        String text = String.valueOf(thrown);
        lastCreateFailure = text.length() > 500 ? text.substring(0, 500) + "..." : text;
        lastCreateFailureMillis = System.currentTimeMillis();
    }

    /** Called by the scanner. */
    void tick(long nowNanos) {
        recentWaits.tick(nowNanos, waits);
        recentHolds.tick(nowNanos, holds);
    }

    StatisticsView view() {
        org.HdrHistogram.Histogram waitsNow = waits.snapshot();
        org.HdrHistogram.Histogram holdsNow = holds.snapshot();
        return new StatisticsView(
                waitsNow.getTotalCount(), timeouts.sum(), failures.sum(), holdsNow.getTotalCount(),
                Percentiles.of(waitsNow), recentWaits.recent(waitsNow),
                Percentiles.of(holdsNow), recentHolds.recent(holdsNow),
                Percentiles.of(creates.snapshot()), createFailures.sum(), lastCreateFailure,
                lastCreateFailureMillis, suspectedLeaks.sum());
    }
}
