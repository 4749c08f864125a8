package io.poolscope.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The acquires in progress on one thread, while it has any: a small stack of levels, one per pool
 * whose acquire is open (a pool over another pool nests a second level). Written only by its
 * owner thread; the scanner reads the published waiting pool and start.
 *
 * <p>A level is {@link #WAITING} while the pool's acquire method runs, {@link #PENDING} once that
 * method returned without a lease (the pool leases later on this thread, as HikariCP does after
 * its borrow), and {@link #RETRYING} once the pool closed a connection inside it (a dead connection
 * was borrowed; it will borrow again).
 */
final class AcquireFrame {

    static final int MAX_LEVELS = 4;
    static final byte WAITING = 0;
    static final byte PENDING = 1;
    static final byte RETRYING = 2;

    private static final VarHandle PUBLISHED_POOL;

    static {
        try {
            PUBLISHED_POOL = MethodHandles.lookup().findVarHandle(AcquireFrame.class, "publishedPool", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The owner's index in {@link AcquireFrames}, or -1 for a frame that spilled out of it. */
    final int index;
    /** The thread this frame belongs to now. */
    Thread owner;
    /** Raw pool objects; held only while their level is open. */
    final Object[] pools = new Object[MAX_LEVELS];
    final long[] starts = new long[MAX_LEVELS];
    /** The number of hooked acquire calls active when the level opened (itself included). */
    final int[] openedAtCall = new int[MAX_LEVELS];
    final byte[] states = new byte[MAX_LEVELS];
    /** Levels open, 0 to {@link #MAX_LEVELS}. */
    int levels;
    /** Hooked acquire methods active on the owner thread now. */
    int calls;
    /** Calls entered while {@link #MAX_LEVELS} levels were open: not recorded. */
    int overflowCalls;
    /** Counts leases for stacks=auto's sampling; kept across owners (a thread mostly gets the same frame). */
    int sampleCounter;
    /** The owner's stripe in the pools' histograms. */
    int stripe;
    /**
     * The generic fallback (option generic): the data source whose {@code getConnection} is the
     * outermost call on this thread now, or {@code null}. Not a level: the pools' own levels nest
     * above it untouched.
     */
    Object genericPool;
    long genericStart;
    /** A pool's acquire ran inside the generic call: that pool counts it, the data source does not. */
    boolean genericSuperseded;
    /** Physical connections the owner is opening for a pool now. */
    int creating;
    /**
     * The levels open when the owner began opening its first connection: a level above them is an
     * acquire made to open it (a pool over another pool), a real wait; those below wait for it.
     */
    int levelsBelowCreating;
    @SuppressWarnings("unused") // accessed through PUBLISHED_POOL
    private Object publishedPool;
    /** Written before {@link #publishedPool} (release), read after it (acquire). */
    private long publishedStart;

    AcquireFrame(int index) {
        this.index = index;
    }

    /** Ready for a new owner (levels are popped clean, except those of an owner that died inside). */
    void reset(Thread newOwner, int ownerStripe) {
        owner = newOwner;
        while (levels > 0) {
            pools[--levels] = null;
        }
        calls = 0;
        overflowCalls = 0;
        clearGeneric();
        stripe = ownerStripe;
        PUBLISHED_POOL.setRelease(this, null);
    }

    /** Tells {@code action} each pool whose level its dead owner left open, and clears the frame. */
    void abandon(java.util.function.Consumer<Object> action) {
        while (levels > 0) {
            Object pool = pools[--levels];
            pools[levels] = null;
            if (pool != null) {
                action.accept(pool);
            }
        }
        calls = 0;
        overflowCalls = 0;
        clearGeneric();
        owner = null;
        PUBLISHED_POOL.setRelease(this, null);
    }

    void openingConnection() {
        if (creating++ == 0) {
            levelsBelowCreating = levels;
        }
    }

    /** Whether the level the owner waits on now waits for a connection the owner itself is opening (read racily). */
    boolean waitsForItsOwnConnection() {
        return creating > 0 && levels - 1 < levelsBelowCreating;
    }

    boolean isEmpty() {
        return levels == 0 && calls == 0 && overflowCalls == 0 && genericPool == null && creating == 0;
    }

    private void clearGeneric() {
        genericPool = null;
        genericSuperseded = false;
        creating = 0;
    }

    int top() {
        return levels - 1;
    }

    /** The innermost open level of {@code pool}, or -1. */
    int levelOf(Object pool) {
        for (int level = levels - 1; level >= 0; level--) {
            if (pools[level] == pool) {
                return level;
            }
        }
        return -1;
    }

    void push(Object pool, long startNanos) {
        int level = levels++;
        pools[level] = pool;
        starts[level] = startNanos;
        openedAtCall[level] = calls;
        states[level] = WAITING;
        publish();
    }

    void pop() {
        int level = --levels;
        pools[level] = null;
        publish();
    }

    void setState(int level, byte state) {
        states[level] = state;
        publish();
    }

    /** Makes the innermost waiting level visible to the scanner (the start first). */
    private void publish() {
        int level = levels - 1;
        if (level >= 0 && states[level] == WAITING) {
            publishedStart = starts[level];
            PUBLISHED_POOL.setRelease(this, pools[level]);
        } else {
            PUBLISHED_POOL.setRelease(this, null);
        }
    }

    /** The pool the owner waits on now, or {@code null}; read by other threads. */
    Object waitingOn() {
        return PUBLISHED_POOL.getAcquire(this);
    }

    long waitingSince() {
        return publishedStart;
    }
}
