package io.poolscope.record;

/**
 * A thread waiting in the pool's acquire method. Built when a dump or a view is read and dropped
 * after it; the thread is held only that long, to show where it waits.
 */
public final class WaiterView {

    private final Thread thread;
    private final String threadName;
    private final long threadId;
    private final long waitingNanos;
    private final boolean openingConnection;

    WaiterView(Thread thread, long waitingNanos, boolean openingConnection) {
        this.thread = thread;
        this.openingConnection = openingConnection;
        this.threadName = thread.getName();
        this.threadId = thread.getId();
        this.waitingNanos = waitingNanos;
    }

    public String threadName() {
        return threadName;
    }

    public long threadId() {
        return threadId;
    }

    public long waitingNanos() {
        return waitingNanos;
    }

    /** Whether the thread was opening a physical connection for the pool when it was seen. */
    public boolean isOpeningConnection() {
        return openingConnection;
    }

    /** The waiting thread's state now. */
    public Thread.State threadState() {
        return thread.getState();
    }

    /** The waiting thread's stack now (empty if it has ended). */
    public StackTraceElement[] currentStack() {
        return thread.getStackTrace();
    }
}
