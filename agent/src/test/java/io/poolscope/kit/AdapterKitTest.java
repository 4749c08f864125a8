package io.poolscope.kit;

import io.poolscope.config.Options;
import io.poolscope.record.ActiveRecorder;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.example.fakepool.PoolShapes;
import org.example.fakepool.PoolShapes.BorrowThenLease;
import org.example.fakepool.PoolShapes.Entry;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each pool shape of {@link PoolShapes}, driven as its real pool does, against the {@link Contract}. */
class AdapterKitTest {

    private final Recording recording = new Recording(Options.parse("stacks=full", new Properties()),
            type -> new FakeIntrospector(8));
    private final ActiveRecorder recorder = recording.recorder();

    private PoolHandle pool(String name) {
        for (PoolHandle pool : recording.pools()) {
            if (pool.name().equals(name)) {
                return pool;
            }
        }
        throw new AssertionError("no pool " + name + " in " + recording.pools());
    }

    private StatisticsView stats(String name) {
        return pool(name).statistics();
    }

    private List<LeaseView> leases(String name) {
        return recording.leases(pool(name), System.nanoTime());
    }

    // ---- HikariCP's shape: borrow, then lease; dead entries; the timeout outside the borrow ----

    @Test
    void borrowThenLeaseRecordsTheWaitFromTheBorrow() throws Exception {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry entry = new Entry();
        pool.add(entry);

        pool.getConnection(3);
        assertEquals(1, leases("hikari").size());
        pool.close(entry);

        assertEquals(1, stats("hikari").releases());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void timeoutAfterDeadConnectionsWereBorrowedEndsTheAcquire() throws Exception {
        // a failover: every idle entry is dead; the pool closes each, and its time runs out
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        for (int i = 0; i < 3; i++) {
            Entry entry = new Entry();
            entry.kill();
            pool.add(entry);
        }

        SQLTransientConnectionException timeout = assertThrows(SQLTransientConnectionException.class,
                () -> pool.getConnection(3)); // three dead borrows, then the time is spent

        assertTrue(timeout.getMessage().contains("hikari"), "the pool's own exception passes unchanged");
        assertEquals(1, stats("hikari").timeouts(), "counted once, though no borrow returned null");
        assertEquals(1, stats("hikari").acquires(), "three borrows, one acquire");
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void deadEntryThenEmptyBagIsOneTimeoutNotTwo() {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry dead = new Entry();
        dead.kill();
        pool.add(dead);

        assertThrows(SQLTransientConnectionException.class, () -> pool.getConnection(5)); // dead, then null borrow

        assertEquals(1, stats("hikari").timeouts());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void deadEntryThenAGoodOneIsOneLeaseWaitedFromTheFirstBorrow() throws Exception {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry dead = new Entry();
        dead.kill();
        Entry good = new Entry();
        pool.add(dead);
        pool.add(good);

        assertEquals(good, pool.getConnection(3));

        assertEquals(1, stats("hikari").acquires());
        assertEquals(0, stats("hikari").failures());
        pool.close(good);
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void aThrowBetweenBorrowAndLeaseEndsTheAcquireAsFailedAndLendsNoStartTime() throws Exception {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry entry = new Entry();
        pool.add(entry);
        pool.throwOnceAfterBorrow(new IllegalStateException("metrics tracker failed"));

        assertThrows(IllegalStateException.class, () -> pool.getConnection(3));
        spin(TimeUnit.MILLISECONDS.toNanos(30));
        long before = System.nanoTime();
        pool.getConnection(3);
        long bound = System.nanoTime() - before;

        assertEquals(1, stats("hikari").failures(), "the stale acquire ended as failed when the next began");
        assertTrue(leases("hikari").get(0).waitNanos() <= bound,
                "the next acquire's wait is its own: " + leases("hikari").get(0).waitNanos() + " > " + bound);
        pool.close(entry);
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void aThrowBetweenBorrowAndLeaseEndsAtTheThreadsNextRelease() throws Exception {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry first = new Entry();
        Entry second = new Entry();
        pool.add(first);
        pool.add(second);
        Entry held = pool.getConnection(1);
        pool.throwOnceAfterBorrow(new IllegalStateException("metrics tracker failed"));
        assertThrows(IllegalStateException.class, () -> pool.getConnection(1));

        pool.close(held);

        assertEquals(1, stats("hikari").failures());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void evictionOfALeasedEntryEndsItsLeaseOnceEvenIfTheHolderClosesItLater() throws Exception {
        BorrowThenLease pool = new BorrowThenLease(recorder, "hikari");
        Entry entry = new Entry();
        pool.add(entry);
        pool.getConnection(1);

        Thread housekeeper = new Thread(() -> pool.evict(entry), "housekeeper");
        housekeeper.start();
        housekeeper.join();
        recorder.released(entry); // the holder's close comes after: nothing to end

        StatisticsView stats = stats("hikari");
        assertEquals(1, stats.closedWhileOut());
        assertEquals(0, stats.releases());
        assertTrue(leases("hikari").isEmpty());
        Contract.assertBalanced(recording, pool);
    }

    // ---- acquire and release on different objects; keys per lease ----

    @Test
    void releaseOnTheConnectionObjectMakesNoSecondPool() {
        PoolShapes.SplitObjects pool = new PoolShapes.SplitObjects(recorder, "tomcat");

        PoolShapes.PooledConnection connection = pool.getConnection();
        connection.close();
        pool.getConnection(connection);
        connection.close();
        recorder.released(new Object()); // a connection leased before poolscope started

        assertEquals(2, stats("tomcat").releases());
        assertEquals(1, recording.releasesOfUnknownLeases());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void aKeyPerLeaseIsDroppedWhenTheLeaseEnds() {
        PoolShapes.ProxyPerLease pool = new PoolShapes.ProxyPerLease(recorder, "c3p0");

        for (int i = 0; i < 200; i++) {
            pool.close(pool.getConnection());
        }
        Object out = pool.getConnection();

        assertEquals(1, leases("c3p0").size());
        assertEquals(200, stats("c3p0").releases());
        recording.maintain(System.nanoTime());
        assertTrue(pool(("c3p0")).untrackedLeases() == 0, "released keys do not fill the table");
        Contract.assertBalanced(recording, pool);
        pool.close(out);
        Contract.assertBalanced(recording, pool);
    }

    // ---- nesting ----

    @Test
    void aPoolOverAnotherPoolRecordsOneLeaseInEachAndNeverLosesTheOuter() {
        FakePool inner = new FakePool(recorder, "inner");
        PoolShapes.PoolOverPool outer = new PoolShapes.PoolOverPool(recorder, "outer", inner, Object::new);

        Object first = outer.getConnection(); // opens a connection through the inner pool
        Object second = outer.getConnection();

        assertEquals(2, leases("outer").size(), "the outer lease survives the inner one");
        assertEquals(2, leases("inner").size(), "the outer pool holds two of the inner pool's connections");
        assertEquals(2, stats("outer").acquires());
        assertEquals(2, stats("inner").acquires());
        outer.close(first);
        outer.close(second);
        assertEquals(2, leases("inner").size(), "still held by the outer pool, idle there");
        Contract.assertBalanced(recording, inner, outer); // in the order first seen
    }

    @Test
    void aPoolHookedAtTwoLevelsOfOneCallCountsOnce() throws Exception {
        PoolShapes.Wrapper pool = new PoolShapes.Wrapper(recorder, "wrapped");
        Object connection = new Object();

        pool.getConnection(connection);
        pool.close(connection);
        assertThrows(SQLException.class, pool::getConnectionTimingOut);

        StatisticsView stats = stats("wrapped");
        assertEquals(2, stats.acquires());
        assertEquals(1, stats.releases());
        assertEquals(1, stats.timeouts());
        Contract.assertBalanced(recording, pool);
    }

    // ---- a creation that cannot see its pool (H2's pool asks its data source) ----

    @Test
    void aCreationNamingNoPoolCountsForTheAcquireUnderWayOnItsThread() throws Exception {
        FakePool h2 = new FakePool(recorder, "h2");
        FakePool outer = new FakePool(recorder, "outer");
        // the H2 pool's acquire nested in another pool's (a pool over it): the innermost one opens
        Object outerAcquire = recorder.acquireStart(outer);
        h2.getConnectionOpeningItUnnamed(new Object(), null);
        recorder.leased(outer, new Object());
        recorder.acquireExit(outerAcquire, null);
        SQLException refused = new SQLException("Database \"missing\" not found");
        assertThrows(SQLException.class, () -> h2.getConnectionOpeningItUnnamed(new Object(), refused));

        assertEquals(1, stats("h2").creates().count());
        assertEquals(1, stats("h2").createFailures());
        assertTrue(stats("h2").lastCreateFailure().contains("not found"), stats("h2").lastCreateFailure());
        assertEquals(0, stats("outer").creates().count());
        assertEquals(0, stats("outer").createFailures());
        assertEquals(2, stats("h2").acquires());
        assertEquals(1, stats("outer").acquires());
        Contract.assertBalanced(recording, "h2", "outer");
    }

    @Test
    void aCreationNamingNoPoolOutsideAnAcquireCountsForNoPool() {
        FakePool pool = new FakePool(recorder, "h2");
        pool.getConnection(new Object());

        long start = recorder.createStart(null); // the data source used directly, by another library
        recorder.createEnd(null, start, new SQLException("refused"));
        recorder.createEnd(null, recorder.createStart(null), null);

        assertEquals(0, stats("h2").creates().count());
        assertEquals(0, stats("h2").createFailures());
        assertEquals(1, recording.pools().size());
        Contract.assertBalanced(recording, pool);
    }

    // ---- other threads ----

    @Test
    void releaseOnAnotherThreadThanTheAcquire() throws Exception {
        FakePool pool = new FakePool(recorder, "orders");
        Object connection = new Object();
        pool.getConnection(connection);

        Thread other = new Thread(() -> pool.close(connection), "closer");
        other.start();
        other.join();

        assertEquals(1, stats("orders").releases());
        assertTrue(leases("orders").isEmpty());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void thePoolReclaimingALeaseFromABackgroundThreadEndsItOnce() throws Exception {
        FakePool pool = new FakePool(recorder, "dbcp");
        Object connection = new Object();
        pool.getConnection(connection);

        Thread evictor = new Thread(() -> recorder.reclaimed(connection), "abandoned-connection-remover");
        evictor.start();
        evictor.join();
        pool.close(connection); // the holder returns it late: already ended

        StatisticsView stats = stats("dbcp");
        assertEquals(1, stats.reclaimed());
        assertEquals(0, stats.releases());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void timeoutsAndFailuresOfTheLeaseInsideAcquireShape() {
        FakePool pool = new FakePool(recorder, "orders");

        assertThrows(SQLTransientConnectionException.class, pool::getConnectionTimingOut);
        assertThrows(SQLException.class, () -> pool.failAcquire(new SQLException("refused")));

        assertEquals(1, stats("orders").timeouts());
        assertEquals(1, stats("orders").failures());
        Contract.assertBalanced(recording, pool);
    }

    @Test
    void aThreadThatDiesInsideAnAcquireIsNotLeftWaiting() throws Exception {
        FakePool pool = new FakePool(recorder, "orders");
        pool.getConnection(new Object()); // the pool is known
        CountDownLatch inside = new CountDownLatch(1);
        Thread dying = new Thread(() -> {
            recorder.acquireStart(pool); // and never a lease, an exit or a timeout
            inside.countDown();
        }, "dies-waiting");
        dying.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        dying.join();

        recording.maintain(System.nanoTime());

        assertEquals(1, stats("orders").failures(), "its open acquire ended as failed");
        Contract.assertBalanced(recording, "orders");
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
