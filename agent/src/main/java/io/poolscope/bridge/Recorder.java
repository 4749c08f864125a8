package io.poolscope.bridge;

/**
 * What the pool advice reports to. Defined in the boot class loader together with {@link Bridge},
 * so that pool classes loaded by any class loader reach the same recorder.
 *
 * <p>Implementations never throw: the advice around them suppresses throwables too, but a recorder
 * counts its own failures instead of relying on that.
 */
public interface Recorder {

    /**
     * A thread starts waiting for a connection of {@code pool}. Returns a token handed back to
     * {@link #acquireEnd} or {@link #acquireTimedOut}, or {@code null} when this call is not
     * recorded (unknown pool). A successful acquire ends with {@link #leased}.
     */
    Object acquireStart(Object pool);

    /** The acquire gave up: the pool's timeout passed without a connection (and no exception yet). */
    void acquireTimedOut(Object token);

    /**
     * The pool hands out the physical connection identified by {@code connectionKey}; {@code pool}
     * may be {@code null}, meaning the pool this thread's acquire is on.
     */
    void leased(Object pool, Object connectionKey);

    /** The acquire method threw {@code thrown}; with {@code null}, it returned without a lease (ignored). */
    void acquireEnd(Object token, Throwable thrown);

    /** The connection identified by {@code connectionKey} goes back to the pool. */
    void released(Object pool, Object connectionKey);

    /**
     * The pool closed the physical connection identified by {@code connectionKey} (evicted, broken,
     * or the pool shut down), possibly while it was out: its lease, if any, ends here.
     */
    void closed(Object pool, Object connectionKey);

    /** The pool starts opening a physical connection; returns a start time for {@link #createEnd}. */
    long createStart(Object pool);

    /** The pool finished opening a physical connection, or failed with {@code thrown}. */
    void createEnd(Object pool, long startNanos, Throwable thrown);
}
