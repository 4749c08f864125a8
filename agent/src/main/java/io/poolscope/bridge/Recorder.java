package io.poolscope.bridge;

/**
 * What the pool advice reports to: the lease protocol every adapter speaks. Defined in the boot
 * class loader together with {@link Bridge}, so that pool classes loaded by any class loader reach
 * the same recorder.
 *
 * <p>An acquire is a <em>frame</em> on the acquiring thread. It opens when the pool's acquire
 * method is entered and ends exactly once: as a lease, a timeout or a failure. Calls into the same
 * pool nested inside an open frame (a pool that calls itself, a retry) count nothing; a call into
 * another pool (a pool over another pool) opens a frame of its own. A frame still open when its
 * thread starts another acquire or releases a connection is stale: it ends as failed and lends its
 * start time to nothing.
 *
 * <p>Releases and closes name only the connection key: the lease knows its pool. A key never
 * leased under poolscope is ignored.
 *
 * <p>Implementations never throw: the advice around them suppresses throwables too, but a
 * recorder counts its own failures instead of relying on that.
 */
public interface Recorder {

    /**
     * The pool's acquire method is entered. Returns a token for {@link #acquireExit} and
     * {@link #acquireTimedOut}, or {@code null} when nothing is recorded.
     */
    Object acquireStart(Object pool);

    /**
     * The acquire method that {@link #acquireStart} returned {@code token} for is left: by a throw
     * ({@code thrown} not {@code null}: the frame ends as a timeout or a failure, unless a lease
     * ended it already), or by a return. A frame left by a return without a lease stays open for a
     * lease that the pool reports later on this thread (HikariCP borrows, then leases).
     */
    void acquireExit(Object token, Throwable thrown);

    /** The acquire method is left with its "no connection" result: the frame ends as a timeout. */
    void acquireTimedOut(Object token);

    /**
     * The pool builds or throws its timeout exception on this thread: this thread's open frame on
     * {@code pool}, if any, ends as a timeout. A frame that ended already is not counted twice.
     */
    void timeoutRaised(Object pool);

    /**
     * The pool hands out the connection identified by {@code connectionKey}, a key it reuses for
     * every lease of that physical connection. {@code pool} may be {@code null}, meaning the pool
     * of this thread's innermost open frame.
     */
    void leased(Object pool, Object connectionKey);

    /**
     * As {@link #leased}, for a key that lives for this lease only (a proxy object per checkout):
     * its record is dropped when the lease ends.
     */
    void leasedOnce(Object pool, Object connectionKey);

    /** The application returns the connection identified by {@code connectionKey}. */
    void released(Object connectionKey);

    /**
     * The pool closed the physical connection identified by {@code connectionKey} (evicted, broken,
     * or the pool shut down). A lease still out ends here, counted apart. On a thread inside an
     * acquire of that pool, the acquire goes on: the pool retries with another connection.
     */
    void closed(Object connectionKey);

    /**
     * The pool took the lease of {@code connectionKey} back from its holder (abandoned-connection
     * removal), usually from a background thread: the lease ends, counted as reclaimed.
     */
    void reclaimed(Object connectionKey);

    /**
     * The pool starts opening a physical connection; returns a start time for {@link #createEnd}.
     * {@code pool} may be {@code null}, as in {@link #createEnd}.
     */
    long createStart(Object pool);

    /**
     * The pool finished opening a physical connection, or failed with {@code thrown}. {@code pool}
     * may be {@code null} where the creating method cannot see its pool object (H2's pool asks its
     * data source): it means the pool of this thread's innermost acquire under way, and outside
     * an acquire nothing is recorded.
     */
    void createEnd(Object pool, long startNanos, Throwable thrown);

    /** What {@link #createStart} began opened nothing after all (the pool was full): nothing is counted. */
    void createSkipped(Object pool);

    // ---- the generic fallback (option generic=on): a data source that no pool adapter covers ----

    /**
     * {@code getConnection} of a data source no adapter covers is entered. Returns a token for
     * {@link #genericAcquireExit}, or {@code null} when this call counts nothing: it is nested in
     * another data source's call, in a pool's acquire, or in a pool opening a physical connection.
     */
    default Object genericAcquireStart(Object dataSource) {
        return null;
    }

    /**
     * The {@code getConnection} that {@link #genericAcquireStart} returned {@code token} for is left:
     * with {@code connection}, a lease keyed by that object for this lease only, or by a throw, a
     * failure. Nothing is counted when a pool's acquire ran inside the call (a data source over a
     * known pool): that pool counted it.
     */
    default void genericAcquireExit(Object token, Object connection, Throwable thrown) {
    }

    /**
     * {@code close()} of a connection object: ends the lease keyed by it, if the generic fallback
     * leased it; any other connection is ignored without being counted.
     */
    default void genericReleased(Object connection) {
    }
}
