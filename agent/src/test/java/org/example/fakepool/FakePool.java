package org.example.fakepool;

import io.poolscope.bridge.Recorder;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A stand-in for a pool library: it reports to the recorder exactly where the instrumented pool
 * would, so its own frames sit between the recorder and the application in acquisition stacks.
 * A "connection" is any object the caller hands in as its key.
 */
public final class FakePool {

    private final Recorder recorder;
    private final String name;

    public FakePool(Recorder recorder, String name) {
        this.recorder = recorder;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A successful acquire that hands out {@code connection}. */
    public Object getConnection(Object connection) {
        Object token = recorder.acquireStart(this);
        try {
            recorder.leased(this, connection);
            return connection;
        } finally {
            endAcquire(token, null);
        }
    }

    /** An acquire that gives up with the pool's own timeout exception. */
    public void getConnectionTimingOut() throws SQLTransientConnectionException {
        failAcquire(new SQLTransientConnectionException(name + " - Connection is not available, request timed out"));
    }

    /** An acquire that fails with {@code failure}. */
    public <E extends SQLException> void failAcquire(E failure) throws E {
        Object token = recorder.acquireStart(this);
        endAcquire(token, failure);
        throw failure;
    }

    // like the bridge, which the advice goes through: no token, no acquireEnd
    private void endAcquire(Object token, Throwable thrown) {
        if (token != null) {
            recorder.acquireEnd(token, thrown);
        }
    }

    /** The application closes its connection: it goes back to the pool. */
    public void close(Object connection) {
        recorder.released(this, connection);
    }
}
