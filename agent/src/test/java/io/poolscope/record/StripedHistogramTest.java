package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripedHistogramTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private static Percentiles percentiles(StripedHistogram histogram) {
        return Percentiles.of(histogram.snapshot());
    }

    /** Buckets are 1/8 of a power of two wide and report their middle: a value comes back within 1/16. */
    private static void assertAbout(long expectedNanos, long actualNanos, String what) {
        long tolerance = Math.max(1L, expectedNanos / 16);
        assertTrue(Math.abs(actualNanos - expectedNanos) <= tolerance,
                what + ": expected about " + expectedNanos + " ns but was " + actualNanos);
    }

    @Test
    void emptyHistogramHasNoPercentiles() {
        assertSame(Percentiles.EMPTY, percentiles(new StripedHistogram(4)));
        assertEquals(0, Percentiles.EMPTY.count());
    }

    @Test
    void nanosecondsInComeBackAsNanosecondPercentiles() {
        StripedHistogram histogram = new StripedHistogram(4);
        for (int ms = 1; ms <= 100; ms++) {
            histogram.recordNanos(ms, ms * MILLI);
        }

        Percentiles p = percentiles(histogram);

        assertEquals(100, p.count());
        assertAbout(50 * MILLI, p.p50(), "p50");
        assertAbout(95 * MILLI, p.p95(), "p95");
        assertAbout(99 * MILLI, p.p99(), "p99");
        assertAbout(100 * MILLI, p.max(), "max");
        assertAbout(50 * MILLI + MILLI / 2, p.mean(), "mean");
    }

    @Test
    void everyValueFallsIntoABucketThatStandsForItWithinOneSixteenth() {
        for (long value = 0; value < 1_000_000; value += 1 + value / 50) {
            assertAbout(value, StripedHistogram.value(StripedHistogram.index(value)), "value " + value);
        }
        for (long value = 1; value > 0 && value < (1L << 43); value = value * 3 + 1) {
            assertAbout(value, StripedHistogram.value(StripedHistogram.index(value)), "value " + value);
        }
    }

    @Test
    void bucketsAreInOrderAndCoverTheRange() {
        int previous = -1;
        for (long value = 0; value < (1L << 44); value = value < 64 ? value + 1 : value + value / 9) {
            int index = StripedHistogram.index(value);
            assertTrue(index >= previous, "index of " + value);
            assertTrue(index < StripedHistogram.BUCKETS, "index of " + value);
            previous = index;
        }
        assertEquals(StripedHistogram.BUCKETS - 1, StripedHistogram.index(Long.MAX_VALUE));
        assertEquals(0, StripedHistogram.index(-5), "a negative duration (a clock step) counts as 0");
    }

    @Test
    void snapshotsAreNeverBelowEarlierOnesWhileThreadsRecord() throws Exception {
        StripedHistogram histogram = new StripedHistogram(4);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            int stripe = t;
            writers[t] = new Thread(() -> {
                started.countDown();
                for (long i = 0; !stop.get(); i++) {
                    histogram.recordNanos(stripe, i % 5_000);
                }
            });
            writers[t].start();
        }
        started.await();
        long[] previous = histogram.snapshot();
        for (int round = 0; round < 2_000; round++) {
            long[] next = histogram.snapshot();
            for (int i = 0; i < next.length; i++) {
                assertTrue(next[i] >= previous[i], "bucket " + i + " went down");
            }
            assertTrue(StripedHistogram.count(StripedHistogram.minus(next, previous)) >= 0);
            previous = next;
        }
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
    }

    @Test
    void stripesAreAddedUp() {
        StripedHistogram histogram = new StripedHistogram(8);
        for (int stripe = 0; stripe < 100; stripe++) {
            histogram.recordNanos(stripe, 7);
        }
        assertEquals(100, StripedHistogram.count(histogram.snapshot()));
        assertEquals(7, percentiles(histogram).max());
    }

    @Test
    void defaultStripesArePowersOfTwoAndBounded() {
        int stripes = StripedHistogram.defaultStripes();
        assertTrue(stripes >= 1 && stripes <= 8);
        assertEquals(stripes, Integer.highestOneBit(stripes));
    }
}
