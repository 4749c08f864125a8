package io.poolscope.record;

import io.poolscope.config.Options;
import io.poolscope.pools.PoolAdapters;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The generic fallback's side of the recorder: the outermost data source call on a thread is the
 * acquire, a known pool's acquire inside it or a pool opening a connection wins, its close ends the
 * lease, and other connections' closes count nothing. The advice is played by hand, as the fake
 * pools do.
 */
class GenericRecordingTest {

    private final Object connection = new Object();

    private static Recording recording(String options) {
        return new Recording(Options.parse(options, new Properties()), type ->
                type == FakePool.class ? new FakeIntrospector(10) : PoolAdapters.introspectorFor(type));
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static PoolHandle only(Recording recording) {
        List<PoolHandle> pools = recording.pools();
        assertEquals(1, pools.size(), "pools seen");
        return pools.get(0);
    }

    /** getConnection of a data source: its advice around {@code body}, which returns the connection. */
    private static Object getConnection(ActiveRecorder recorder, Object dataSource, java.util.function.Supplier<Object> body) {
        Object token = recorder.genericAcquireStart(dataSource);
        Object returned = body.get();
        if (token != null) {
            recorder.genericAcquireExit(token, returned, null);
        }
        return returned;
    }

    @Test
    void theOutermostDataSourceCallIsTheLeaseAndItsConnectionsCloseEndsIt() {
        Recording recording = recording("stacks=off,generic=on");
        ActiveRecorder recorder = recording.recorder();
        JdbcDataSource inner = h2("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        JdbcDataSource wrapper = h2("jdbc:h2:mem:wrapper"); // plays another data source over it

        getConnection(recorder, wrapper, () -> getConnection(recorder, inner, () -> connection));

        PoolHandle pool = only(recording);
        assertEquals("generic:JdbcDataSource:jdbc:h2:mem:wrapper", pool.name(), "the wrapper, not the data source it called");
        assertEquals(1, recording.leases(pool, System.nanoTime()).size());
        recorder.genericReleased(new Object()); // another connection's close: nothing, not even counted as unknown
        recorder.genericReleased(connection);
        recorder.genericReleased(connection); // closed twice
        StatisticsView stats = pool.statistics();
        assertEquals(1, stats.acquires());
        assertEquals(1, stats.releases());
        assertEquals(0, recording.leases(pool, System.nanoTime()).size());
        assertEquals(0, recording.releasesOfUnknownLeases());
    }

    @Test
    void aKnownPoolUnderADataSourceIsCountedByThePoolOnly() {
        Recording recording = recording("stacks=off,generic=on");
        ActiveRecorder recorder = recording.recorder();
        FakePool pool = new FakePool(recorder, "orders");

        Object handedOut = getConnection(recorder, h2("jdbc:h2:mem:a"), () -> pool.getConnection(connection));

        PoolHandle handle = only(recording);
        assertEquals("orders", handle.name());
        assertEquals(1, handle.statistics().acquires());
        recorder.genericReleased(handedOut); // the wrapper's connection is closed: the pool's own close ends its lease
        pool.close(connection);
        assertEquals(1, handle.statistics().releases());
    }

    @Test
    void aFailedAcquireOfAKnownPoolUnderADataSourceIsThePoolsOnly() {
        Recording recording = recording("stacks=off,generic=on");
        ActiveRecorder recorder = recording.recorder();
        FakePool pool = new FakePool(recorder, "orders");
        Object token = recorder.genericAcquireStart(h2("jdbc:h2:mem:b"));
        SQLException refused = new SQLException("refused");
        try {
            pool.failAcquire(refused);
        } catch (SQLException expected) {
            recorder.genericAcquireExit(token, null, expected);
        }
        PoolHandle handle = only(recording);
        assertEquals("orders", handle.name());
        assertEquals(1, handle.statistics().failures());
    }

    @Test
    void aDataSourceCalledWhileAPoolOpensAConnectionIsNotALease() {
        Recording recording = recording("stacks=off,generic=on");
        ActiveRecorder recorder = recording.recorder();
        FakePool pool = new FakePool(recorder, "orders");
        long start = recorder.createStart(pool);
        assertNull(recorder.genericAcquireStart(h2("jdbc:h2:mem:c")), "the pool's physical connection, opened through it");
        recorder.createEnd(pool, start, null);

        assertEquals("orders", only(recording).name());
        assertNotNull(recorder.genericAcquireStart(h2("jdbc:h2:mem:c")), "once the pool is done, a call of its own");
    }

    @Test
    void aThrowIsAFailureWithNoLease() {
        Recording recording = recording("stacks=off,generic=on");
        ActiveRecorder recorder = recording.recorder();
        Object token = recorder.genericAcquireStart(h2("jdbc:h2:mem:d"));
        recorder.genericAcquireExit(token, null, new SQLException("Database not found"));
        StatisticsView stats = only(recording).statistics();
        assertEquals(1, stats.acquires());
        assertEquals(1, stats.failures());
        assertEquals(0, stats.timeouts());
    }

    @Test
    void offNothingIsTracked() {
        Recording recording = recording("stacks=off");
        assertNull(recording.recorder().genericAcquireStart(h2("jdbc:h2:mem:e")));
        assertEquals(0, recording.pools().size());
    }
}
