package io.poolscope.record;

import java.util.LinkedList;
import java.util.function.Supplier;

/**
 * Percentiles over the recent past without any work on the hot path: the scanner keeps a few
 * snapshots of the since-start histogram; "recent" is the newest minus the oldest one kept, which
 * is never negative (buckets only grow). Before the first snapshot, since start is the recent past.
 */
final class RecentWindow {

    private static final class Mark {
        final long atNanos;
        final long[] cumulative;

        Mark(long atNanos, long[] cumulative) {
            this.atNanos = atNanos;
            this.cumulative = cumulative;
        }
    }

    private final long windowNanos;
    private final long stepNanos;
    private final LinkedList<Mark> marks = new LinkedList<>();

    RecentWindow(long windowNanos, int steps) {
        this.windowNanos = windowNanos;
        this.stepNanos = windowNanos / steps;
    }

    /** Called by the scanner: keeps a snapshot every step and forgets those older than the window. */
    synchronized void tick(long nowNanos, Supplier<long[]> source) {
        Mark newest = marks.peekLast();
        if (newest == null || nowNanos - newest.atNanos >= stepNanos) {
            marks.addLast(new Mark(nowNanos, source.get()));
        }
        while (marks.size() > 1 && nowNanos - marks.get(1).atNanos >= windowNanos) {
            marks.removeFirst();
        }
    }

    /** Percentiles of what was recorded since the oldest snapshot kept (at most a window and a step ago). */
    synchronized Percentiles recent(long[] current) {
        return recent(current, null, Long.MIN_VALUE);
    }

    /**
     * The same, but never of what was recorded before {@code floor}, a snapshot of the same
     * histogram taken at {@code floorAtNanos} (a reset of the statistics); {@code null} for none.
     */
    synchronized Percentiles recent(long[] current, long[] floor, long floorAtNanos) {
        Mark oldest = marks.peekFirst();
        if (floor != null && (oldest == null || oldest.atNanos - floorAtNanos < 0)) {
            return Percentiles.of(StripedHistogram.minus(current, floor));
        }
        return Percentiles.of(oldest == null ? current : StripedHistogram.minus(current, oldest.cumulative));
    }
}
