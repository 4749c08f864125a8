package org.example.fakepool;

import io.poolscope.bridge.Recorder;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A stand-in for a pool library whose acquire method hands out the connection itself (as DBCP2,
 * Tomcat JDBC or c3p0 do): it reports to the recorder exactly where the instrumented pool would,
 * so its own frames sit between the recorder and the application in acquisition stacks. A
 * "connection" is any object the caller hands in as its key. The other pool shapes are in
 * {@link PoolShapes}.
 */
public final class FakePool implements CountedPool {

    private final Recorder recorder;
    private final String name;
    private long acquireCalls;

    public FakePool(Recorder recorder, String name) {
        this.recorder = recorder;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long acquireCalls() {
        return acquireCalls;
    }

    /** A successful acquire that hands out {@code connection}. */
    public Object getConnection(Object connection) {
        acquireCalls++;
        Object token = recorder.acquireStart(this);
        recorder.leased(this, connection);
        exit(token, null);
        return connection;
    }

    /**
     * A successful acquire that opens {@code connection} first, through a data source that does not
     * know the pool (H2's pool asks its {@code JdbcDataSource}): the creation names no pool.
     * {@code failure}, if not {@code null}, is the driver's refusal: the acquire fails with it.
     */
    public <E extends SQLException> Object getConnectionOpeningItUnnamed(Object connection, E failure) throws E {
        acquireCalls++;
        Object token = recorder.acquireStart(this);
        long start = recorder.createStart(null);
        recorder.createEnd(null, start, failure);
        if (failure != null) {
            exit(token, failure);
            throw failure;
        }
        recorder.leased(this, connection);
        exit(token, null);
        return connection;
    }

    /** An acquire that gives up with the pool's own timeout exception. */
    public void getConnectionTimingOut() throws SQLTransientConnectionException {
        failAcquire(new SQLTransientConnectionException(name + " - Connection is not available, request timed out"));
    }

    /** An acquire that fails with {@code failure}. */
    public <E extends SQLException> void failAcquire(E failure) throws E {
        acquireCalls++;
        Object token = recorder.acquireStart(this);
        exit(token, failure);
        throw failure;
    }

    // as the advice does, through the bridge: no token, no exit
    private void exit(Object token, Throwable thrown) {
        if (token != null) {
            recorder.acquireExit(token, thrown);
        }
    }

    /** The application closes its connection: it goes back to the pool. */
    public void close(Object connection) {
        recorder.released(connection);
    }
}
