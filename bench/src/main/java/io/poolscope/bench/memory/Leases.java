package io.poolscope.bench.memory;

import com.example.bench.Callers;
import io.poolscope.bench.Cycle;
import io.poolscope.bridge.Recorder;

/**
 * Each run takes the next connection, as the pool advice reports a lease (acquire entered, lease,
 * acquire left), and never gives it back. Runs cycle through {@code callers} places in the code.
 */
final class Leases implements Cycle {

    private final Recorder recorder;
    private final Object pool;
    private final Object[] connections;
    private final int callers;
    private final Runnable takeOne = this::takeOne;
    private int next;

    Leases(Recorder recorder, Object pool, Object[] connections, int callers) {
        this.recorder = recorder;
        this.pool = pool;
        this.connections = connections;
        this.callers = callers;
    }

    @Override
    public int run() {
        Callers.take(next % callers, takeOne);
        return next;
    }

    private void takeOne() {
        Object token = recorder.acquireStart(pool);
        recorder.leased(pool, connections[next++]);
        recorder.acquireExit(token, null);
    }
}
