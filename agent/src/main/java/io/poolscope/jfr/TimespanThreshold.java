package io.poolscope.jfr;

import jdk.jfr.SettingControl;

import java.util.Set;

/**
 * A JFR setting holding a duration, written as JFR writes thresholds ({@code "10 ms"},
 * {@code "1 s"}, {@code "0 ns"}, {@code "infinity"}): an event passes when its own duration field
 * is at least this long. The built-in {@code threshold} setting cannot serve: it compares the
 * event's duration, and poolscope's events are instants that carry the wait or hold as a field.
 *
 * <p>With several recordings running, the lowest value wins, as for JFR's own thresholds. The
 * value in force is also kept where the hot path reads it before making an event at all.
 */
abstract class TimespanThreshold extends SettingControl {

    private final String defaultValue;
    private volatile String value;
    private volatile long nanos;
    /** What {@link #combine} chose last: JDK 17's JFR drops it and sets {@code null} instead (see {@link #setValue}). */
    private volatile String lastCombined;

    TimespanThreshold(String defaultValue) {
        this.defaultValue = defaultValue;
        this.value = defaultValue;
        this.nanos = parse(defaultValue);
    }

    /** Whether {@code durationNanos} reaches the threshold. */
    final boolean passes(long durationNanos) {
        return durationNanos >= nanos;
    }

    @Override
    public final String combine(Set<String> values) {
        String lowest = null;
        long lowestNanos = Long.MAX_VALUE;
        for (String candidate : values) {
            long candidateNanos = parse(candidate);
            if (candidateNanos >= 0 && (lowest == null || candidateNanos < lowestNanos)) {
                lowest = candidate;
                lowestNanos = candidateNanos;
            }
        }
        String combined = lowest == null ? defaultValue : lowest;
        lastCombined = combined;
        return combined;
    }

    /**
     * The value in force. {@code null} comes from JDK 17's JFR, which calls {@link #combine} for
     * several recordings, discards what it returns (a privileged action returning null) and sets
     * null: the value it chose is taken instead.
     */
    @Override
    public final void setValue(String newValue) {
        if (newValue == null) {
            newValue = lastCombined;
        }
        long parsed = parse(newValue);
        if (parsed >= 0) {
            value = newValue;
            nanos = parsed;
            applied(parsed);
        }
    }

    @Override
    public final String getValue() {
        return value;
    }

    /** The value now in force, in nanoseconds. */
    abstract void applied(long thresholdNanos);

    static long parse(String text) {
        return Timespans.nanos(text);
    }
}
