package io.poolscope.record;

/**
 * Events the recorder hands to reports. Called on application threads: implementations only note
 * the event and wake their own thread.
 */
public interface RecordingListener {

    RecordingListener NONE = new RecordingListener() {
    };

    /** A pool was seen for the first time. */
    default void poolSeen(PoolHandle pool) {
    }

    /** An acquire on {@code pool} timed out. */
    default void timedOut(PoolHandle pool) {
    }

    /** A lease that had been logged as a suspected leak came back after {@code heldNanos}. */
    default void leakReturned(PoolHandle pool, LeaseView lease, long heldNanos, String releasedBy) {
    }

    /** The pool took a lease back from its holder after {@code heldNanos} (abandoned-connection removal). */
    default void leaseReclaimed(PoolHandle pool, LeaseView lease, long heldNanos) {
    }

    /** Opening a physical connection failed (the driver's message is in the pool's statistics). */
    default void connectionCreationFailed(PoolHandle pool) {
    }
}
