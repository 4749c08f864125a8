package io.poolscope.record;

import io.poolscope.bridge.Recorder;

/**
 * The recorder behind the bridge once the agent is ready. Every method runs on an application
 * thread inside a pool call: it takes no lock shared by all threads, allocates nothing on the common
 * path, and never throws (failures are counted in {@link InternalErrors}).
 */
public final class ActiveRecorder implements Recorder {

    private final PoolRegistry pools;
    private final ThreadStates threads;
    private final StackPolicy stacks;
    private final InternalErrors errors;
    private volatile RecordingListener listener = RecordingListener.NONE;

    ActiveRecorder(PoolRegistry pools, ThreadStates threads, StackPolicy stacks, InternalErrors errors) {
        this.pools = pools;
        this.threads = threads;
        this.stacks = stacks;
        this.errors = errors;
    }

    void listener(RecordingListener listener) {
        this.listener = listener;
    }

    @Override
    public Object acquireStart(Object pool) {
        try {
            PoolHandle handle = pools.handleFor(pool);
            if (handle == null) {
                return null;
            }
            ThreadState thread = threads.current();
            if (thread.waitingOn() != handle) { // the same pool again: a retry within one acquire keeps its start
                thread.startWaiting(handle, System.nanoTime());
            }
            return thread;
        } catch (Throwable error) {
            errors.record(error);
            return null;
        }
    }

    @Override
    public void leased(Object pool, Object connectionKey) {
        try {
            ThreadState thread = threads.current();
            PoolHandle handle = thread.waitingOn(); // inside an acquire: the handle acquireStart found
            boolean inAcquire = handle != null && (pool == null || handle.isFor(pool));
            if (!inAcquire) {
                if (pool == null) {
                    return; // handed out outside an acquire poolscope saw (it started before poolscope)
                }
                handle = pools.handleFor(pool);
                if (handle == null) {
                    return;
                }
            }
            long now = System.nanoTime();
            long wait = inAcquire ? now - thread.acquireStartNanos() : 0L;
            if (inAcquire) {
                thread.stopWaiting();
            }
            Object rawStack = stacks.capture(handle, thread);
            LeaseSlot slot = handle.slotFor(connectionKey);
            if (slot.begin(thread, threadName(), now, wait, rawStack)) {
                stacks.leaseBegan(handle);
            }
            handle.stats.times.recordWait(thread, thread.timesFor(handle), wait);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void acquireTimedOut(Object token) {
        try {
            endFailedAcquire((ThreadState) token, true);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void acquireEnd(Object token, Throwable thrown) {
        try {
            ThreadState thread = (ThreadState) token;
            PoolHandle handle = thread.waitingOn();
            if (thrown != null && handle != null) {
                endFailedAcquire(thread, handle.introspector().isTimeout(thrown));
            }
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    private void endFailedAcquire(ThreadState thread, boolean timedOut) {
        PoolHandle handle = thread.waitingOn();
        if (handle == null) {
            return;
        }
        thread.stopWaiting();
        long now = System.nanoTime();
        handle.stats.times.recordWait(thread, thread.timesFor(handle), now - thread.acquireStartNanos());
        if (timedOut) {
            handle.stats.timedOut(now);
            handle.notePressure(now);
            listener.timedOut(handle);
        } else {
            handle.stats.failures.increment();
        }
    }

    @Override
    public void released(Object pool, Object connectionKey) {
        try {
            PoolHandle handle = pools.handleFor(pool);
            if (handle == null) {
                return;
            }
            LeaseSlot slot = handle.existingSlot(connectionKey);
            if (slot == null) {
                return; // leased before poolscope started
            }
            long now = System.nanoTime();
            if (slot.isLeakReported()) {
                releaseReportedLeak(handle, slot, now);
                return;
            }
            long held = slot.end(now);
            if (held >= 0) {
                stacks.leaseEnded(handle);
                recordHold(handle, held);
            }
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    // the rare path: a lease logged as a suspected leak comes back
    private void releaseReportedLeak(PoolHandle handle, LeaseSlot slot, long now) {
        LeaseView lease = slot.read(now);
        long held = slot.end(now);
        if (held < 0) {
            return;
        }
        stacks.leaseEnded(handle);
        recordHold(handle, held);
        if (lease != null) {
            listener.leakReturned(handle, lease, held, Thread.currentThread().getName());
        }
    }

    @Override
    public void closed(Object pool, Object connectionKey) {
        try {
            PoolHandle handle = pools.existingHandle(pool);
            LeaseSlot slot = handle == null ? null : handle.existingSlot(connectionKey);
            if (slot == null) {
                return;
            }
            if (slot.end(System.nanoTime()) >= 0) {
                stacks.leaseEnded(handle);
                handle.stats.closedWhileOut.increment();
            }
            handle.forget(connectionKey);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /** The current thread's name; unnamed virtual threads get one made from their id. */
    private static String threadName() {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        return name.isEmpty() ? "thread#" + thread.getId() : name;
    }

    /** Into the releasing thread's own record (usually the thread that took the connection). */
    private void recordHold(PoolHandle handle, long held) {
        ThreadState thread = threads.current();
        handle.stats.times.recordHold(thread, thread.timesFor(handle), held);
    }

    @Override
    public long createStart(Object pool) {
        return System.nanoTime();
    }

    @Override
    public void createEnd(Object pool, long startNanos, Throwable thrown) {
        try {
            PoolHandle handle = pools.handleFor(pool);
            if (handle == null) {
                return;
            }
            if (thrown == null) {
                handle.stats.created(System.nanoTime() - startNanos);
            } else {
                handle.stats.createFailed(thrown);
            }
        } catch (Throwable error) {
            errors.record(error);
        }
    }
}
