package io.poolscope.record;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripedHistogramTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private static Percentiles percentiles(StripedHistogram histogram) {
        return Percentiles.of(histogram.snapshot());
    }

    /** Histograms keep two significant digits: a value comes back within 1%. */
    private static void assertAbout(long expectedNanos, long actualNanos, String what) {
        long tolerance = Math.max(1_000L, expectedNanos / 100);
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
    void resolutionIsOneMicrosecond() {
        StripedHistogram histogram = new StripedHistogram(1);
        histogram.recordNanos(0, 1_999);

        Percentiles p = percentiles(histogram);

        assertEquals(1_000, p.p50(), "1999 ns is recorded as 1 us");
        assertEquals(1_000, p.max());
    }

    @Test
    void belowOneMicrosecondAndNegativeDurationsCountAsZero() {
        StripedHistogram histogram = new StripedHistogram(2);
        histogram.recordNanos(0, 999);
        histogram.recordNanos(1, -5 * MILLI);

        Percentiles p = percentiles(histogram);

        assertEquals(2, p.count());
        assertEquals(0, p.max());
    }

    @Test
    void durationsBeyondOneHourAreClampedToOneHour() {
        StripedHistogram histogram = new StripedHistogram(2);
        histogram.recordNanos(0, TimeUnit.HOURS.toNanos(5));
        histogram.recordNanos(1, Long.MAX_VALUE);

        Percentiles p = percentiles(histogram);

        assertEquals(2, p.count());
        assertAbout(TimeUnit.HOURS.toNanos(1), p.max(), "max");
        assertTrue(p.max() >= TimeUnit.HOURS.toNanos(1));
    }

    @Test
    void countAddsUpEveryStripeWhateverTheStripeNumber() {
        StripedHistogram histogram = new StripedHistogram(8);
        int[] stripes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 1_000_003, -1, Integer.MIN_VALUE};
        for (int stripe : stripes) {
            histogram.recordNanos(stripe, 2 * MILLI);
            histogram.recordNanos(stripe, 4 * MILLI);
        }

        assertEquals(2L * stripes.length, histogram.count());
        assertEquals(2L * stripes.length, histogram.snapshot().getTotalCount());
        Percentiles p = percentiles(histogram);
        assertAbout(2 * MILLI, p.p50(), "p50");
        assertAbout(4 * MILLI, p.max(), "max");
    }

    @Test
    void anyStripeCountWorks() {
        for (int stripeCount : new int[] {0, 1, 3, 5, 16}) {
            StripedHistogram histogram = new StripedHistogram(stripeCount);
            for (int stripe = 0; stripe < 20; stripe++) {
                histogram.recordNanos(stripe, MILLI);
            }
            assertEquals(20, histogram.count(), "stripes " + stripeCount);
        }
        int defaults = StripedHistogram.defaultStripes();
        assertTrue(defaults >= 1 && defaults <= 8 && Integer.bitCount(defaults) == 1, "default stripes " + defaults);
    }
}
