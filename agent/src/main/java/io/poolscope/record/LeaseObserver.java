package io.poolscope.record;

/**
 * Sees each moment of a lease as it happens, on the thread it happens on: for a view that wants
 * every one (Flight Recorder events), where {@link RecordingListener} hears only the rare ones.
 *
 * <p>{@link #acquired} and {@link #released} run on the hot path of every acquire and release:
 * an implementation returns at once, allocating nothing, unless its own consumer asked for the
 * event (JFR recording with the event enabled). None of the methods may throw; the recorder counts
 * what does as an internal error.
 */
public interface LeaseObserver {

    LeaseObserver NONE = new LeaseObserver() {
    };

    /** The application got a connection of {@code pool} after waiting {@code waitNanos} (0 if unknown). */
    default void acquired(PoolHandle pool, long waitNanos) {
    }

    /** The application returned a connection of {@code pool} it had held for {@code heldNanos}. */
    default void released(PoolHandle pool, long heldNanos) {
    }

    /** An acquire on {@code pool} gave up with the pool's timeout after {@code waitNanos}. */
    default void timedOut(PoolHandle pool, long waitNanos) {
    }

    /** {@code pool} failed to open a physical connection after {@code tookNanos}. */
    default void createFailed(PoolHandle pool, long tookNanos, Throwable thrown) {
    }

    /**
     * A lease of {@code pool} passed the leak threshold; called once per lease, on the scanner
     * thread, with the lease's acquisition stack resolved.
     */
    default void suspectedLeak(PoolHandle pool, LeaseView lease) {
    }
}
