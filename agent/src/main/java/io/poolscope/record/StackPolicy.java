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
     * is under pressure or half of it is out, otherwise 1 in {@code sampleRate}: {@code draw} is
     * the lease count of the acquire frame (a thread usually gets the same one), or
     * {@link #RANDOM_DRAW} for a lease outside an acquire.
     */
    Object capture(PoolHandle pool, int draw) {
        if (never) {
            return null;
        }
        if (always || pool.isUnderPressure() || pool.isHalfOut() || isSampled(draw)) {
            return new AcquisitionTrace();
        }
        return null;
    }

    /** The draw of a lease without an acquire frame to count in. */
    static final int RANDOM_DRAW = Integer.MIN_VALUE + 1;

    private boolean isSampled(int draw) {
        int value = draw == RANDOM_DRAW ? ThreadLocalRandom.current().nextInt() : draw;
        return (value & sampleMask) == 0;
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
