package io.poolscope.kit;

import io.poolscope.config.Options;
import io.poolscope.record.ActiveRecorder;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The recorder driven exactly as the Agroal and Druid advice drive it on their less common paths
 * (see {@code io.poolscope.pools.agroal.AgroalAdapter} and {@code io.poolscope.pools.druid.DruidAdapter}),
 * against the {@link Contract}. The pool object is a {@link FakePool}, used only for its name.
 */
class AgroalDruidPathsTest {

    private final Recording recording = new Recording(Options.parse("stacks=full", new Properties()),
            type -> new FakeIntrospector(8));
    private final ActiveRecorder recorder = recording.recorder();

    private StatisticsView stats(String name) {
        for (PoolHandle pool : recording.pools()) {
            if (pool.name().equals(name)) {
                return pool.statistics();
            }
        }
        throw new AssertionError("no pool " + name);
    }

    // ---- Druid: getConnection(long) > getConnectionDirect(long) > getConnectionInternal(long) ----

    @Test
    void druidsThreeLevelsOfOneAcquireCountOnce() {
        FakePool pool = new FakePool(recorder, "druid");
        Object holder = new Object();
        Object outer = recorder.acquireStart(pool);
        Object direct = recorder.acquireStart(pool);
        Object internal = recorder.acquireStart(pool);
        recorder.leased(pool, holder); // DruidConnectionHolder.incrementUseCount
        recorder.acquireExit(internal, null);
        recorder.acquireExit(direct, null);
        recorder.acquireExit(outer, null);
        recorder.released(holder); // DruidPooledConnection.recycle

        assertEquals(1, stats("druid").acquires());
        assertEquals(1, stats("druid").releases());
        Contract.assertBalanced(recording, "druid");
    }

    @Test
    void aHolderDruidFindsDeadAfterItsCheckoutIsClosedAndTheRetryIsAnotherAcquire() {
        FakePool pool = new FakePool(recorder, "druid");
        Object dead = new Object();
        Object good = new Object();
        Object outer = recorder.acquireStart(pool);
        Object direct = recorder.acquireStart(pool);
        Object internal = recorder.acquireStart(pool);
        recorder.leased(pool, dead);
        recorder.acquireExit(internal, null);
        recorder.closed(dead); // discardConnection: testOnBorrow failed
        Object retry = recorder.acquireStart(pool);
        recorder.leased(pool, good);
        recorder.acquireExit(retry, null);
        recorder.acquireExit(direct, null);
        recorder.acquireExit(outer, null);
        recorder.released(good);

        StatisticsView stats = stats("druid");
        assertEquals(2, stats.acquires());
        assertEquals(2, stats.leases());
        assertEquals(1, stats.closedWhileOut());
        assertEquals(1, stats.releases());
        assertEquals(0, stats.failures());
        Contract.assertBalanced(recording, "druid");
    }

    @Test
    void aTimeoutThrownThroughDruidsThreeLevelsIsOneTimeout() {
        FakePool pool = new FakePool(recorder, "druid");
        SQLException timeout = new SQLTransientConnectionException("wait millis 100, active 2, maxActive 2");
        Object outer = recorder.acquireStart(pool);
        Object direct = recorder.acquireStart(pool);
        Object internal = recorder.acquireStart(pool);
        recorder.acquireExit(internal, timeout);
        recorder.acquireExit(direct, timeout);
        recorder.acquireExit(outer, timeout);

        assertEquals(1, stats("druid").acquires());
        assertEquals(1, stats("druid").timeouts());
        Contract.assertBalanced(recording, "druid");
    }

    @Test
    void aConnectionDruidReclaimsIsNotReleasedByTheCloseThatReturnsItsHolder() throws Exception {
        FakePool pool = new FakePool(recorder, "druid");
        Object holder = new Object();
        Object token = recorder.acquireStart(pool);
        recorder.leased(pool, holder);
        recorder.acquireExit(token, null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread destroyThread = new Thread(() -> {
            try {
                recorder.reclaimed(holder); // setTraceEnable(false) in removeAbandoned
                recorder.released(holder);  // the close removeAbandoned makes: recycle()
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "Druid-ConnectionPool-Destroy");
        destroyThread.start();
        destroyThread.join();

        assertEquals(null, failure.get());
        assertEquals(1, stats("druid").reclaimed());
        assertEquals(0, stats("druid").releases());
        Contract.assertBalanced(recording, "druid");
    }

    // ---- Agroal: getConnection(), afterAcquire, returnConnectionHandler ----

    @Test
    void agroalHandingAnEnlistedHandlerOutAgainRestartsItsLease() {
        FakePool pool = new FakePool(recorder, "agroal");
        Object handler = new Object();
        for (int i = 0; i < 2; i++) { // two getConnection calls in one JTA transaction
            Object token = recorder.acquireStart(pool);
            recorder.leased(pool, handler);
            recorder.acquireExit(token, null);
        }
        recorder.released(handler); // at the end of the transaction

        StatisticsView stats = stats("agroal");
        assertEquals(2, stats.acquires());
        assertEquals(2, stats.leases());
        assertEquals(1, stats.endedUnseen());
        assertEquals(1, stats.releases());
        Contract.assertBalanced(recording, "agroal");
    }

    @Test
    void agroalReturningTheHandlerBeforeItThrowsIsALeaseAndARelease() {
        // transactionRequirement=STRICT without a transaction: afterAcquire returns the handler, then throws
        FakePool pool = new FakePool(recorder, "agroal");
        Object handler = new Object();
        Object token = recorder.acquireStart(pool);
        recorder.leased(pool, handler);
        recorder.released(handler);
        recorder.acquireExit(token, new SQLException("Connection acquired without transaction."));

        StatisticsView stats = stats("agroal");
        assertEquals(1, stats.acquires());
        assertEquals(1, stats.releases());
        assertEquals(0, stats.failures());
        Contract.assertBalanced(recording, "agroal");
    }
}
