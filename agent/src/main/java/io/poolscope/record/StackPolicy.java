package io.poolscope.record;

import io.poolscope.config.StackMode;

import java.util.concurrent.ThreadLocalRandom;

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
     * is under pressure or half of it is out, otherwise 1 in {@code sampleRate}: counted in the
     * acquire frame (a thread usually gets the same one), or at random for a lease outside an
     * acquire.
     */
    Object capture(PoolHandle pool, AcquireFrame frame) {
        if (never) {
            return null;
        }
        if (always || pool.isUnderPressure() || pool.isHalfOut() || isSampled(frame)) {
            return new AcquisitionTrace();
        }
        return null;
    }

    private boolean isSampled(AcquireFrame frame) {
        int draw = frame == null ? ThreadLocalRandom.current().nextInt() : ++frame.sampleCounter;
        return (draw & sampleMask) == 0;
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
