package io.poolscope.report;

import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.StatisticsView;

/**
 * What the {@link Reporter} tells the views besides the log, on the scanner thread, as the log
 * learns it: each suspected leak and its return, each exhaustion and slow-acquire dump (at most one
 * per pool per {@code dumpCooldown}, with the timeouts held back since), connection-creation
 * failures. Implementations return quickly and never throw.
 */
public interface PoolEvents {

    default void suspectedLeak(PoolHandle pool, LeaseView lease) {
    }

    default void leakReturned(PoolHandle pool, LeaseView lease, long heldNanos, String releasedBy) {
    }

    /** An acquire timed out and the exhaustion dump of {@code state} was written. */
    default void exhausted(PoolState state, long timeoutsNotDumped) {
    }

    /** A thread has waited longer than {@code slowAcquire} and the slow-acquire dump of {@code state} was written. */
    default void slowAcquire(PoolState state, long slowAcquireNanos) {
    }

    /** Opening connections failed ({@code failures} times since the last call); the last message is in {@code stats}. */
    default void connectionCreationFailed(PoolHandle pool, long failures, StatisticsView stats) {
    }

    /** The end of a scanner pass. */
    default void tick(long nowNanos) {
    }
}
