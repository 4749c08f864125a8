package io.poolscope.record;

import io.poolscope.config.StackMode;

/** Decides, per lease, whether to take its acquisition stack (raw frames only; see {@link CallSites}). */
final class StackPolicy {

    private final boolean never;
    private final boolean always;
    private final int sampleMask;

    StackPolicy(StackMode mode, int sampleRate) {
        this.never = mode == StackMode.OFF;
        this.always = mode == StackMode.FULL;
        this.sampleMask = sampleRate - 1;
    }

    /** A raw trace of the current stack, or {@code null}. */
    Object capture(PoolHandle pool, ThreadState thread) {
        if (never) {
            return null;
        }
        if (always || pool.isUnderPressure() || (++thread.sampleCounter & sampleMask) == 0) {
            return new AcquisitionTrace();
        }
        return null;
    }
}
