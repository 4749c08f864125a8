package io.poolscope.record;

import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;

/**
 * Percentiles over the recent past without any work on the hot path: the scanner keeps a few
 * snapshots of the since-start histogram; "recent" is the newest minus the oldest one kept.
 */
final class RecentWindow {

    private static final class Mark {
        final long atNanos;
        final Histogram cumulative;

        Mark(long atNanos, Histogram cumulative) {
            this.atNanos = atNanos;
            this.cumulative = cumulative;
        }
    }

    private final long windowNanos;
    private final long stepNanos;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();

    RecentWindow(long windowNanos, int steps) {
        this.windowNanos = windowNanos;
        this.stepNanos = windowNanos / steps;
    }

    /** Called by the scanner: keeps a snapshot every step and forgets those older than the window. */
    synchronized void tick(long nowNanos, java.util.function.Supplier<Histogram> source) {
        Mark newest = marks.peekLast();
        if (newest == null || nowNanos - newest.atNanos >= stepNanos) {
            marks.addLast(new Mark(nowNanos, source.get()));
        }
        while (marks.size() > 1 && nowNanos - marks.peekFirst().atNanos > windowNanos + stepNanos) {
            marks.removeFirst();
        }
    }

    /** Percentiles of what was recorded since the oldest snapshot kept (at most the window ago). */
    synchronized Percentiles recent(Histogram current) {
        Mark oldest = marks.peekFirst();
        if (oldest == null) {
            return Percentiles.of(current);
        }
        Histogram delta = current.copy();
        try {
            delta.subtract(oldest.cumulative);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Percentiles.of(current); // a record read mid-update; the next reading will be consistent
        }
        return Percentiles.of(delta);
    }
}
