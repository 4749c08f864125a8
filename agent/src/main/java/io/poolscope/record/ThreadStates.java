package io.poolscope.record;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link ThreadState} per thread that acquires connections, reachable from its own thread
 * through a thread-local and from the scanner and dumps through a bounded list.
 */
public final class ThreadStates {

    /**
     * How long a thread must have been in the acquire method to count as waiting: waits in an
     * exhausted pool last seconds; a thread preempted or paused by the collector for a few
     * milliseconds on a busy but healthy pool does not count.
     */
    static final long WAITING_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

    private final ThreadLocal<ThreadState> current = ThreadLocal.withInitial(this::register);
    private final ConcurrentLinkedQueue<ThreadState> all = new ConcurrentLinkedQueue<>();
    private final AtomicInteger registered = new AtomicInteger();
    private final int maxThreads;

    public ThreadStates(int maxThreads) {
        this.maxThreads = maxThreads;
    }

    ThreadState current() {
        return current.get();
    }

    private ThreadState register() {
        ThreadState state = new ThreadState(Thread.currentThread());
        if (registered.incrementAndGet() <= maxThreads) {
            all.add(state);
        } else {
            registered.decrementAndGet();
        }
        return state;
    }

    /**
     * The threads that have been in {@code pool}'s acquire method for at least
     * {@link #WAITING_NANOS}: those are waiting. A busy, healthy pool always has a few threads
     * inside the method for a few microseconds, and they are not.
     */
    List<ThreadState> waitingOn(PoolHandle pool) {
        List<ThreadState> waiting = new ArrayList<>();
        for (ThreadState state : all) {
            if (state.waitingOn() == pool && System.nanoTime() - state.acquireStartNanos() >= WAITING_NANOS) {
                waiting.add(state);
            }
        }
        return waiting;
    }

    /** Forgets the threads that ended. Called by the scanner. */
    public void expungeDead() {
        for (Iterator<ThreadState> it = all.iterator(); it.hasNext(); ) {
            Thread thread = it.next().thread();
            if (thread == null || !thread.isAlive()) {
                it.remove();
                registered.decrementAndGet();
            }
        }
    }
}
