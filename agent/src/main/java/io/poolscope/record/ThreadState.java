package io.poolscope.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * What poolscope keeps per application thread: the acquire in progress (so a dump can list the
 * threads waiting for a connection and for how long), the stack-sampling counter and its own wait
 * and hold histograms. Written only by its own thread.
 */
public final class ThreadState {

    private static final VarHandle WAITING_ON;

    static {
        try {
            WAITING_ON = MethodHandles.lookup().findVarHandle(ThreadState.class, "waitingOn", PoolHandle.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final WeakReference<Thread> thread;
    final long threadId;
    final int stripe;

    long acquireStartNanos;
    int sampleCounter;
    /** The times this thread records for the pool it used last (most threads use one pool). */
    private PoolHandle timesPool;
    private ThreadTimes times;
    private java.util.Map<PoolHandle, ThreadTimes> otherPools;
    @SuppressWarnings("unused") // accessed through WAITING_ON
    private PoolHandle waitingOn;

    ThreadState(Thread thread) {
        this.thread = new WeakReference<>(thread);
        this.threadId = thread.getId();
        this.stripe = (int) (threadId ^ (threadId >>> 16));
    }

    /** This thread's wait and hold record for {@code pool}; {@code null} once the pool has too many threads. */
    ThreadTimes timesFor(PoolHandle pool) {
        if (timesPool == pool) {
            return times;
        }
        return switchTimes(pool);
    }

    private ThreadTimes switchTimes(PoolHandle pool) {
        if (timesPool != null) {
            if (otherPools == null) {
                otherPools = new java.util.WeakHashMap<>(); // a pool that is gone must not be kept here
            }
            otherPools.put(timesPool, times);
        }
        ThreadTimes found = otherPools == null ? null : otherPools.remove(pool);
        if (found == null) {
            found = pool.stats.times.register(this);
        }
        timesPool = pool;
        times = found;
        return found;
    }

    /** Marks this thread as waiting on {@code pool}; release-ordered so a reader sees the start time. */
    void startWaiting(PoolHandle pool, long startNanos) {
        acquireStartNanos = startNanos;
        WAITING_ON.setRelease(this, pool);
    }

    void stopWaiting() {
        WAITING_ON.setOpaque(this, null);
    }

    /** The pool this thread waits on now, or {@code null}; read by other threads. */
    PoolHandle waitingOn() {
        return (PoolHandle) WAITING_ON.getAcquire(this);
    }

    long acquireStartNanos() {
        return acquireStartNanos;
    }

    Thread thread() {
        return thread.get();
    }
}
