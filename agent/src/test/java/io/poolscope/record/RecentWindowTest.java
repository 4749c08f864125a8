package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentWindowTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void recentFiguresLeaveOutWhatCameBeforeTheWindow() {
        StripedHistogram histogram = new StripedHistogram(2);
        RecentWindow window = new RecentWindow(60 * SECOND, 6);
        long start = 0;
        for (int i = 0; i < 100; i++) {
            histogram.recordNanos(i, TimeUnit.SECONDS.toNanos(5)); // long waits, two minutes ago
        }
        for (long t = start; t <= start + 120 * SECOND; t += 10 * SECOND) {
            window.tick(t, histogram::snapshot);
        }
        for (int i = 0; i < 10; i++) {
            histogram.recordNanos(i, TimeUnit.MICROSECONDS.toNanos(3)); // short ones, now
        }

        Percentiles recent = window.recent(histogram.snapshot());

        assertEquals(10, recent.count(), "only what was recorded in the last minute");
        assertEquals(TimeUnit.MICROSECONDS.toNanos(3), recent.max(), TimeUnit.MICROSECONDS.toNanos(3) / 16);
        assertEquals(110, Percentiles.of(histogram.snapshot()).count());
    }

    @Test
    void beforeTheFirstSnapshotEverythingSinceStartIsRecent() {
        StripedHistogram histogram = new StripedHistogram(1);
        histogram.recordNanos(0, 1_000);

        assertEquals(1, new RecentWindow(60 * SECOND, 6).recent(histogram.snapshot()).count());
    }
}
