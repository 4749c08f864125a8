package io.poolscope.record;

/** A thread waiting in the pool's acquire method. */
public final class WaiterView {

    private final String threadName;
    private final long threadId;
    private final long waitingNanos;

    WaiterView(String threadName, long threadId, long waitingNanos) {
        this.threadName = threadName;
        this.threadId = threadId;
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
}
