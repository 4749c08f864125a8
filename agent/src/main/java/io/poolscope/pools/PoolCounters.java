package io.poolscope.pools;

/** A pool's own live counters, as it reports them; -1 where it does not. */
public final class PoolCounters {

    public static final PoolCounters UNKNOWN = new PoolCounters(-1, -1, -1, -1);

    private final int active;
    private final int idle;
    private final int total;
    private final int waiting;

    public PoolCounters(int active, int idle, int total, int waiting) {
        this.active = active;
        this.idle = idle;
        this.total = total;
        this.waiting = waiting;
    }

    public int active() {
        return active;
    }

    public int idle() {
        return idle;
    }

    public int total() {
        return total;
    }

    public int waiting() {
        return waiting;
    }
}
