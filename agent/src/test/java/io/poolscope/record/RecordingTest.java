package io.poolscope.record;

import io.poolscope.config.Options;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {

    private static final String LOAD_ORDERS_SITE = "org.example.fakeapp.FakeApp.loadOrders(FakeApp.java:";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Object connection1 = new Object();
    private final Object connection2 = new Object();
    private final Object connection3 = new Object();

    private Recording recording;
    private FakePool pool;
    private FakeApp app;

    private void start(String options) {
        start(options, new FakeIntrospector(10));
    }

    private void start(String options, PoolIntrospector introspector) {
        recording = new Recording(Options.parse(options, new Properties()), type -> introspector);
        pool = new FakePool(recording.recorder(), "orders");
        app = new FakeApp(pool);
    }

    private ActiveRecorder recorder() {
        return recording.recorder();
    }

    private PoolHandle handle() {
        List<PoolHandle> pools = recording.pools();
        assertEquals(1, pools.size(), "pools seen");
        return pools.get(0);
    }

    private List<LeaseView> leases() {
        return recording.leases(handle(), System.nanoTime());
    }

    private LeaseView onlyLease() {
        List<LeaseView> leases = leases();
        assertEquals(1, leases.size(), "live leases");
        return leases.get(0);
    }

    private StatisticsView statistics() {
        return handle().statistics();
    }

    // ---- pools and leases ----

    @Test
    void poolIsRegisteredOnceUnderTheIntrospectorsName() {
        start("stacks=full");

        app.loadOrders(connection1);
        app.close(connection1);
        app.loadOrders(connection2);

        PoolHandle handle = handle();
        assertEquals("orders", handle.name());
        assertEquals(FakeIntrospector.LIBRARY, handle.library());
        assertFalse(handle.isGone());
        assertEquals("10", handle.settings().get("maximumPoolSize"));
    }

    @Test
    void poolsWithoutOrWithTheSameNameGetDistinctNames() {
        start("stacks=off");
        FakePool unnamed = new FakePool(recorder(), null);
        FakePool sameName = new FakePool(recorder(), "orders");

        pool.getConnection(connection1);
        unnamed.getConnection(connection2);
        sameName.getConnection(connection3);

        List<String> names = new ArrayList<>();
        recording.pools().forEach(handle -> names.add(handle.name()));
        assertEquals(List.of("orders", "FakeCP-1", "orders#2"), names);
    }

    @Test
    void unknownPoolIsNotRecorded() {
        start("stacks=full", null);

        app.loadOrders(connection1);
        app.close(connection1);

        assertTrue(recording.pools().isEmpty());
        assertEquals(0, recording.errors().count());
    }

    @Test
    void liveLeaseNamesItsHolderAgeAndTheApplicationsCallSite() {
        start("stacks=full");

        app.loadOrders(connection1);

        LeaseView lease = onlyLease();
        assertEquals(Thread.currentThread().getName(), lease.holderName());
        assertEquals(Thread.currentThread().getId(), lease.holderId());
        assertSame(Thread.currentThread(), lease.holderThread());
        assertTrue(lease.ageNanos() >= 0, "age " + lease.ageNanos());
        AcquisitionStack stack = lease.stack();
        assertTrue(stack.isCaptured());
        assertTrue(stack.callSite().startsWith(LOAD_ORDERS_SITE), stack.callSite());
        StackTraceElement top = stack.frames().get(0);
        assertEquals("org.example.fakeapp.FakeApp", top.getClassName(), "poolscope's and the pool's frames are trimmed");
        assertEquals("loadOrders", top.getMethodName());
        assertEquals(getClass().getName(), stack.frames().get(1).getClassName());
    }

    @Test
    void leasesAreListedOldestFirstAndEndWhenReleased() {
        start("stacks=full");

        app.loadOrders(connection1);
        app.loadCustomers(connection2);
        List<LeaseView> both = leases();
        app.close(connection1);

        assertEquals(2, both.size());
        assertTrue(both.get(0).stack().callSite().startsWith(LOAD_ORDERS_SITE));
        assertTrue(both.get(1).stack().callSite().startsWith("org.example.fakeapp.FakeApp.loadCustomers("));
        assertTrue(both.get(0).ageNanos() >= both.get(1).ageNanos());
        LeaseView remaining = onlyLease();
        assertTrue(remaining.stack().callSite().startsWith("org.example.fakeapp.FakeApp.loadCustomers("));
    }

    // ---- statistics ----

    @Test
    void statisticsCountAcquiresReleasesTimeoutsAndFailures() {
        start("stacks=off");

        for (int i = 0; i < 3; i++) {
            app.loadOrders(connection1);
            app.close(connection1);
        }
        app.loadOrdersTimingOut();
        app.loadOrdersTimingOut();
        assertThrows(SQLException.class, () -> pool.failAcquire(new SQLException("connection refused")));

        StatisticsView stats = statistics();
        assertEquals(6, stats.acquires(), "every acquire that ended, successful or not");
        assertEquals(3, stats.releases());
        assertEquals(2, stats.timeouts());
        assertEquals(1, stats.failures());
        assertEquals(6, stats.waitSinceStart().count());
        assertTrue(leases().isEmpty());
    }

    @Test
    void holdTimesArePercentilesOfMeasuredHolds() {
        start("stacks=off");
        long holdNanos = TimeUnit.MILLISECONDS.toNanos(3);

        app.loadOrders(connection1);
        long heldSince = System.nanoTime();
        while (System.nanoTime() - heldSince < holdNanos) {
            Thread.onSpinWait(); // a hold long enough to measure, not a wait for another thread
        }
        app.close(connection1);

        Percentiles holds = statistics().holdSinceStart();
        assertEquals(1, holds.count());
        assertTrue(holds.p50() > 0, "p50 " + holds.p50());
        assertTrue(holds.max() >= holdNanos * 99 / 100, "max " + holds.max());
        assertTrue(holds.p99() >= holds.p50());
    }

    @Test
    void connectionCreationIsTimedAndFailuresAreKept() {
        start("stacks=off");

        recorder().createEnd(pool, recorder().createStart(pool), null);
        recorder().createEnd(pool, recorder().createStart(pool), new SQLException("FATAL: too many connections"));

        StatisticsView stats = statistics();
        assertEquals(1, stats.creates().count());
        assertEquals(1, stats.createFailures());
        assertTrue(stats.lastCreateFailure().contains("FATAL: too many connections"), stats.lastCreateFailure());
    }

    /** A part of a pool that a hook reaches instead of the pool (UCP's connection source, where it opens connections). */
    static final class PoolPart {
        final Object pool;

        PoolPart(Object pool) {
            this.pool = pool;
        }
    }

    @Test
    void aPartOfAPoolThatAHookReachesCountsInThatPoolAndMakesNoPoolOfItsOwn() {
        AtomicReference<Object> unreadable = new AtomicReference<>();
        start("stacks=off", new FakeIntrospector(10) {
            @Override
            public Object poolOf(Object reported) {
                return reported instanceof PoolPart ? ((PoolPart) reported).pool : reported == unreadable.get() ? null : reported;
            }
        });
        PoolPart part = new PoolPart(pool);
        recorder().createEnd(part, recorder().createStart(part), null); // before the pool itself was ever seen
        app.loadOrders(connection1);
        recorder().createEnd(part, recorder().createStart(part), new SQLException("FATAL: too many connections"));
        Object orphan = new Object();
        unreadable.set(orphan);
        recorder().createEnd(orphan, recorder().createStart(orphan), null); // a part whose pool cannot be read: dropped

        StatisticsView stats = statistics(); // one pool: the part made none of its own
        assertEquals("orders", handle().name());
        assertEquals(1, stats.creates().count());
        assertEquals(1, stats.createFailures());
        assertEquals(1, stats.acquires());
    }

    // ---- waiting threads ----

    @Test
    void threadBlockedInAcquireIsListedAsWaiting() throws Exception {
        start("stacks=full");
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch connectionFree = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Object token = recorder().acquireStart(pool);
                waiting.countDown();
                assertTrue(connectionFree.await(10, TimeUnit.SECONDS));
                recorder().leased(pool, connection1);
                recorder().acquireExit(token, null);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "orders-worker");
        worker.start();

        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        recording.maintain(System.nanoTime()); // the scanner finds the pool of a thread that waits on it
        // a thread counts as waiting once it has been in the acquire method for 50 ms
        List<WaiterView> waiters = recording.waiters(handle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiters.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            waiters = recording.waiters(handle());
        }
        connectionFree.countDown();
        worker.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(worker.isAlive());
        assertNull(failure.get());
        assertEquals(1, waiters.size());
        assertEquals("orders-worker", waiters.get(0).threadName());
        assertEquals(worker.getId(), waiters.get(0).threadId());
        assertTrue(waiters.get(0).waitingNanos() >= TimeUnit.MILLISECONDS.toNanos(1));
        assertTrue(recording.waiters(handle()).isEmpty(), "no longer waiting once leased");
        assertEquals("orders-worker", onlyLease().holderName());
    }

    // ---- pressure: when stacks=auto keeps every lease's stack ----

    @Test
    void aThreadWaitingWhileConnectionsAreOutPutsThePoolUnderPressure() throws Exception {
        start("stacks=auto");
        app.loadOrders(connection1); // held while the worker waits

        assertTrue(pressureWhileAWorkerWaits(false));
    }

    @Test
    void aThreadWaitingWithNothingOutIsASlowAcquireNotPressure() throws Exception {
        start("stacks=auto"); // e.g. a pool's first acquire, opening its connections

        assertFalse(pressureWhileAWorkerWaits(false));
    }

    @Test
    void aThreadOpeningAConnectionInItsAcquireIsNotShortOfConnections() throws Exception {
        start("stacks=auto");
        app.loadOrders(connection1);

        assertFalse(pressureWhileAWorkerWaits(true));
    }

    @Test
    void anAcquireMadeToOpenAConnectionOfAnotherPoolIsARealWait() throws Exception {
        start("stacks=auto");
        FakePool inner = pool;              // the pool the outer one takes its connections from
        FakePool outer = new FakePool(recorder(), "outer");
        app.loadOrders(connection1);        // an inner connection out while the worker waits
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Object outerToken = recorder().acquireStart(outer);
                long creating = recorder().createStart(outer);
                Object innerToken = recorder().acquireStart(inner); // the outer pool opens its connection here
                waiting.countDown();
                assertTrue(done.await(10, TimeUnit.SECONDS));
                recorder().leased(inner, connection2);
                recorder().acquireExit(innerToken, null);
                recorder().createEnd(outer, creating, null);
                recorder().leased(outer, connection3);
                recorder().acquireExit(outerToken, null);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "outer-worker");
        worker.start();
        try {
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            PoolHandle innerHandle = recording.pools().get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recording.waiters(innerHandle).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, recording.waiters(innerHandle).size(), "the worker waits on the inner pool");
            recording.maintain(System.nanoTime());
            assertTrue(innerHandle.isUnderPressure(), "waiting on the inner pool while its connections are out");
        } finally {
            done.countDown();
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertNull(failure.get());
        }
    }

    @Test
    void aConnectionOpeningThatOpensNothingGivesItsFrameBack() {
        start("stacks=auto");

        recorder().createStart(pool); // e.g. Agroal's creation task, which finds the pool full
        assertEquals(1, recording.framesOwned());
        recorder().createSkipped(pool);

        assertEquals(0, recording.framesOwned());
        assertEquals(0, recording.errors().count());
    }

    /** Whether the scanner finds the pool under pressure while a worker has waited 50 ms in its acquire. */
    private boolean pressureWhileAWorkerWaits(boolean openingAConnection) throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                Object token = recorder().acquireStart(pool);
                long creating = openingAConnection ? recorder().createStart(pool) : 0L;
                waiting.countDown();
                assertTrue(done.await(10, TimeUnit.SECONDS));
                if (openingAConnection) {
                    recorder().createEnd(pool, creating, null);
                }
                recorder().leased(pool, connection2);
                recorder().acquireExit(token, null);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "orders-worker");
        worker.start();
        try {
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            recording.maintain(System.nanoTime()); // finds the pool of a thread that waits on it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recording.waiters(handle()).isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, recording.waiters(handle()).size(), "the worker waits");
            recording.maintain(System.nanoTime());
            return handle().isUnderPressure();
        } finally {
            done.countDown();
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertNull(failure.get());
            assertFalse(worker.isAlive());
        }
    }

    @Test
    void timedOutThreadIsNoLongerWaiting() {
        start("stacks=full");

        app.loadOrdersTimingOut();

        assertTrue(recording.waiters(handle()).isEmpty());
        assertTrue(leases().isEmpty());
    }

    // ---- the recorder's edge cases ----

    @Test
    void secondBorrowWithinOneAcquireKeepsTheFirstStart() {
        // HikariCP borrows again when the entry it got was dead: one acquire, one lease, one wait
        start("stacks=full");

        recorder().acquireStart(pool);
        long firstStart = System.nanoTime();
        spinFor(TimeUnit.MILLISECONDS.toNanos(2));
        recorder().acquireStart(pool);
        recorder().leased(pool, connection1);

        assertEquals(1, leases().size());
        assertEquals(1, statistics().acquires());
        assertTrue(onlyLease().waitNanos() >= TimeUnit.MILLISECONDS.toNanos(2), "wait measured from the first borrow");
        assertTrue(onlyLease().waitNanos() <= System.nanoTime() - firstStart + TimeUnit.MILLISECONDS.toNanos(1));
        assertTrue(recording.waiters(handle()).isEmpty());
        assertEquals(0, recording.errors().count());
    }

    @Test
    void acquireThatTimesOutWithoutAnExceptionCountsAsTimeout() {
        start("stacks=full");

        Object token = recorder().acquireStart(pool);
        recorder().acquireTimedOut(token);

        assertEquals(1, statistics().timeouts());
        assertEquals(1, statistics().acquires());
        assertTrue(recording.waiters(handle()).isEmpty());
    }

    private static void spinFor(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void releaseOfAConnectionNeverLeasedIsIgnored() {
        start("stacks=full");
        app.loadOrders(connection1);

        app.close(new Object());
        app.close(connection1);
        app.close(connection1);

        assertEquals(1, statistics().releases(), "the unknown key and the second close are not releases");
        assertTrue(leases().isEmpty());
        assertEquals(0, recording.errors().count());
    }

    @Test
    void suspectedLeakIsReportedOncePerLease() {
        start("stacks=full");
        app.loadOrders(connection1);
        long later = System.nanoTime() + 5 * SECOND;

        assertTrue(recording.newSuspectedLeaks(handle(), System.nanoTime(), TimeUnit.HOURS.toNanos(1)).isEmpty(),
                "a young lease is not a leak");
        List<LeaseView> first = recording.newSuspectedLeaks(handle(), later, SECOND);
        List<LeaseView> second = recording.newSuspectedLeaks(handle(), later + SECOND, SECOND);

        assertEquals(1, first.size());
        assertTrue(first.get(0).ageNanos() >= 5 * SECOND);
        assertTrue(first.get(0).stack().callSite().startsWith(LOAD_ORDERS_SITE), "stack resolved");
        assertTrue(second.isEmpty());
        assertEquals(1, statistics().suspectedLeaks());
        assertTrue(onlyLease().leakReported());
    }

    @Test
    void theNextLeaseOfTheSameConnectionCanBeReportedAgain() {
        start("stacks=full");
        app.loadOrders(connection1);
        assertEquals(1, recording.newSuspectedLeaks(handle(), System.nanoTime() + 5 * SECOND, SECOND).size());
        app.close(connection1);

        app.loadOrders(connection1);

        assertFalse(onlyLease().leakReported());
        assertEquals(1, recording.newSuspectedLeaks(handle(), System.nanoTime() + 5 * SECOND, SECOND).size());
        assertEquals(2, statistics().suspectedLeaks());
    }

    @Test
    void listenerHearsOfTimeoutsAndOfReportedLeaksComingBack() {
        start("stacks=full");
        List<String> events = new ArrayList<>();
        recording.listener(new RecordingListener() {
            @Override
            public void poolSeen(PoolHandle pool) {
                events.add("seen " + pool.name());
            }

            @Override
            public void timedOut(PoolHandle pool) {
                events.add("timeout " + pool.name());
            }

            @Override
            public void leakReturned(PoolHandle pool, LeaseView lease, long heldNanos, String releasedBy) {
                events.add("returned " + pool.name() + " taken by " + lease.holderName() + " closed by " + releasedBy
                        + (heldNanos > 0 ? " after a measured hold" : " with hold " + heldNanos));
            }
        });
        String me = Thread.currentThread().getName();

        app.loadOrdersTimingOut();
        app.loadOrders(connection1);
        app.loadOrders(connection2);
        recording.newSuspectedLeaks(handle(), System.nanoTime() + 5 * SECOND, SECOND);
        app.close(connection1);

        assertEquals(List.of("seen orders", "timeout orders",
                "returned orders taken by " + me + " closed by " + me + " after a measured hold"), events);
        assertEquals(1, statistics().releases());
    }

    // ---- stacks ----

    @Test
    void stacksOffCapturesNothing() {
        start("stacks=off");

        app.loadOrders(connection1);

        assertSame(AcquisitionStack.NOT_CAPTURED, onlyLease().stack());
        assertFalse(onlyLease().stack().isCaptured());
    }

    @Test
    void stacksAutoWithSampleRateOneCapturesEveryLease() {
        start("stacks=auto,sampleRate=1");

        app.loadOrders(connection1);
        app.loadOrders(connection2);

        for (LeaseView lease : leases()) {
            assertTrue(lease.stack().callSite().startsWith(LOAD_ORDERS_SITE), lease.stack().callSite());
        }
        assertEquals(2, leases().size());
    }

    @Test
    void stacksAutoSamplesOneLeaseInSampleRateWhileThePoolIsHealthy() {
        start("stacks=auto,sampleRate=4", new FakeIntrospector(100));
        List<Object> connections = new ArrayList<>();

        for (int i = 0; i < 8; i++) {
            Object connection = new Object();
            connections.add(connection);
            pool.getConnection(connection);
        }

        long captured = leases().stream().filter(lease -> lease.stack().isCaptured()).count();
        assertEquals(8, leases().size());
        assertEquals(2, captured);
        Reference.reachabilityFence(connections); // the table holds connections weakly
    }

    @Test
    void stacksAutoKeepsEveryStackOnceHalfThePoolIsOut() {
        start("stacks=auto,sampleRate=1024", new FakeIntrospector(4));

        app.loadCustomers(connection1);
        app.loadCustomers(connection2);
        app.loadOrders(connection3);

        List<LeaseView> leases = leases();
        assertFalse(leases.get(0).stack().isCaptured(), "taken while less than half the pool was out");
        assertFalse(leases.get(1).stack().isCaptured(), "taken while less than half the pool was out");
        assertTrue(leases.get(2).stack().callSite().startsWith(LOAD_ORDERS_SITE), leases.get(2).stack().callSite());
    }

    @Test
    void stacksAutoGoesBackToSamplingWhenLeasesComeBack() {
        start("stacks=auto,sampleRate=1024", new FakeIntrospector(2));
        app.loadCustomers(connection1);
        app.loadCustomers(connection2);
        app.close(connection1);
        app.close(connection2);

        app.loadOrders(connection3);

        assertFalse(onlyLease().stack().isCaptured());
    }

    // ---- limits and failures ----

    @Test
    void connectionsBeyondMaxLeasesAreCountedNotListed() {
        start("stacks=full,maxLeases=2");

        app.loadOrders(connection1);
        app.loadOrders(connection2);
        app.loadOrders(connection3);
        app.close(connection3);

        assertEquals(2, leases().size());
        assertEquals(1, handle().untrackedLeases());
        assertEquals(3, statistics().acquires());
        assertEquals(0, recording.errors().count());
    }

    @Test
    void eachLeaseOfAConnectionBeyondMaxLeasesIsCountedAsUntracked() {
        start("stacks=full,maxLeases=1");
        app.loadOrders(connection1);

        for (int i = 0; i < 3; i++) {
            app.loadOrders(connection2);
            app.close(connection2);
        }

        assertEquals(3, handle().untrackedLeases());
    }

    @Test
    void recorderNeverThrowsWhenTheIntrospectorThrows() {
        start("stacks=full", new BrokenIntrospector());

        assertDoesNotThrow(() -> {
            app.loadOrders(connection1);
            app.close(connection1);
            app.loadOrdersTimingOut();
            recorder().createEnd(pool, recorder().createStart(pool), null);
            recorder().acquireExit("not a token", null);
        });

        assertTrue(recording.errors().count() > 0);
        assertTrue(recording.errors().first().startsWith("java.lang.IllegalStateException"), recording.errors().first());
        assertTrue(recording.pools().isEmpty());
    }

    @Test
    void failingTimeoutCheckIsCountedAndLeavesTheThreadReadyForTheNextAcquire() {
        start("stacks=full", new FakeIntrospector(10) {
            @Override
            public boolean isTimeout(Throwable thrown) {
                throw new IllegalStateException("introspector broken");
            }
        });

        assertDoesNotThrow(() -> app.loadOrdersTimingOut());
        app.loadOrders(connection1);

        assertEquals(1, recording.errors().count());
        assertTrue(recording.waiters(handle()).isEmpty());
        assertTrue(onlyLease().stack().callSite().startsWith(LOAD_ORDERS_SITE));
    }

    /** An introspector that fails at everything. */
    private static final class BrokenIntrospector implements PoolIntrospector {
        private static IllegalStateException broken() {
            return new IllegalStateException("introspector broken");
        }

        @Override
        public String library() {
            throw broken();
        }

        @Override
        public String poolName(Object pool) {
            throw broken();
        }

        @Override
        public Map<String, String> settings(Object pool) {
            throw broken();
        }

        @Override
        public PoolCounters counters(Object pool) {
            throw broken();
        }

        @Override
        public int maxConnections(Object pool) {
            throw broken();
        }

        @Override
        public boolean isTimeout(Throwable thrown) {
            throw broken();
        }

        @Override
        public List<String> framePrefixes() {
            throw broken();
        }
    }

    @Test
    void theStackModeChangesForTheLeasesTakenAfterIt() {
        start("stacks=full");
        app.loadOrders(connection1);
        assertTrue(recording.stacks(io.poolscope.config.StackMode.OFF, 16));
        assertFalse(recording.stacks(io.poolscope.config.StackMode.OFF, 16), "the same mode again changes nothing");
        app.loadOrders(connection2);

        List<LeaseView> leases = leases();
        assertEquals(2, leases.size());
        assertTrue(leases.get(0).stack().callSite().startsWith(LOAD_ORDERS_SITE), "taken under stacks=full");
        assertFalse(leases.get(1).stack().isCaptured(), "taken under stacks=off");

        assertTrue(recording.stacks(io.poolscope.config.StackMode.AUTO, 16));
        recording.maintain(System.nanoTime()); // recounts the leases out that stacks=auto counts
        assertEquals(2, handle().liveLeases.sum());
        app.close(connection1);
        app.close(connection2);
        assertEquals(0, handle().liveLeases.sum());
    }

    @Test
    void aReclaimedLeaseThatWasReportedCountsItsRealHoldTime() {
        start("stacks=full");
        app.loadOrders(connection1);
        List<LeaseView> reported = recording.newSuspectedLeaks(handle(), System.nanoTime() + SECOND, 1);
        assertEquals(1, reported.size());
        AtomicReference<Long> held = new AtomicReference<>();
        recording.listener(new RecordingListener() {
            @Override
            public void leaseReclaimed(PoolHandle pool, LeaseView lease, long heldNanos) {
                held.set(heldNanos);
            }
        });

        recorder().reclaimed(connection1);

        assertTrue(held.get() >= 0 && held.get() < TimeUnit.MINUTES.toNanos(1), "held " + held.get() + " ns");
    }
}
