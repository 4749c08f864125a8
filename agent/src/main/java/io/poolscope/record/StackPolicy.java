package io.poolscope.record;

import io.poolscope.config.StackMode;

/** Decides, per lease, whether to take its acquisition stack (raw frames only; see {@link CallSites}). */
final class StackPolicy {

    private final boolean never;
    private final boolean always;
    private final boolean countsLeases;
    private final int sampleMask;

    StackPolicy(StackMode mode, int sampleRate) {
        this.never = mode == StackMode.OFF;
        this.always = mode == StackMode.FULL;
        this.countsLeases = mode == StackMode.AUTO;
        this.sampleMask = sampleRate - 1;
    }

    /**
     * A raw trace of the current stack, or {@code null}. In stacks=auto: every lease while the pool
     * is under pressure or half of it is out, otherwise 1 in {@code sampleRate} per thread.
     */
    Object capture(PoolHandle pool, ThreadState thread) {
        if (never) {
            return null;
        }
        if (always || pool.isUnderPressure() || pool.isHalfOut() || (++thread.sampleCounter & sampleMask) == 0) {
            return new AcquisitionTrace();
        }
        return null;
    }

    /** A tracked lease began: counted only where the policy reads the count. */
    void leaseBegan(PoolHandle pool) {
        if (countsLeases) {
            pool.liveLeases.increment();
        }
    }

    void leaseEnded(PoolHandle pool) {
        if (countsLeases) {
            pool.liveLeases.decrement();
        }
    }
}
