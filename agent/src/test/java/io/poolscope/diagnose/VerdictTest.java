package io.poolscope.diagnose;

import io.poolscope.config.Options;
import io.poolscope.pools.PoolCounters;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.report.PoolState;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {

    private static final long THIRTY_SECONDS = TimeUnit.SECONDS.toNanos(30);
    private static final String LOAD_ORDERS = "org\\.example\\.fakeapp\\.FakeApp\\.loadOrders\\(FakeApp\\.java:\\d+\\)";
    private static final String LOAD_CUSTOMERS = "org\\.example\\.fakeapp\\.FakeApp\\.loadCustomers\\(FakeApp\\.java:\\d+\\)";

    private final Object connection1 = new Object();
    private final Object connection2 = new Object();
    private final Object connection3 = new Object();

    private Recording recording;
    private FakePool pool;
    private FakeApp app;

    /** A recording of one pool of at most two connections. */
    private void start(String options) {
        start(options, false, -1);
    }

    /** {@code poolActive}: what the pool says is out, whatever poolscope saw (-1: the pool does not say). */
    private void start(String options, boolean attached, int poolActive) {
        recording = new Recording(Options.parse(options, new Properties()), type -> new FakeIntrospector(2) {
            @Override
            public PoolCounters counters(Object pool) {
                return poolActive < 0 ? PoolCounters.UNKNOWN : new PoolCounters(poolActive, 0, poolActive, 0);
            }
        });
        if (attached) {
            recording.poolsMayPredateRecording();
        }
        pool = new FakePool(recording.recorder(), "orders");
        app = new FakeApp(pool);
    }

    private Verdict read(long leakThresholdNanos) {
        List<PoolHandle> pools = recording.pools();
        assertEquals(1, pools.size());
        return PoolState.read(pools.get(0), recording, leakThresholdNanos).verdict;
    }

    private String verdict(long leakThresholdNanos) {
        return read(leakThresholdNanos).text();
    }

    private static void assertMatches(String regex, String text) {
        assertTrue(Pattern.matches(regex, text), () -> "expected to match\n  " + regex + "\nbut was\n  " + text);
    }

    private void exhaustFromLoadOrders() {
        app.loadOrders(connection1);
        app.loadOrders(connection2);
        app.loadOrdersTimingOut();
    }

    @Test
    void healthyPoolWithNothingOut() {
        start("stacks=full");
        app.loadOrders(connection1);
        app.close(connection1);

        assertEquals("HEALTHY: no connection is out", verdict(THIRTY_SECONDS));
    }

    @Test
    void busyPoolNamesWhereMostConnectionsAreTaken() {
        start("stacks=full");
        app.loadOrders(connection1);

        assertMatches("BUSY: 1 connection out of 2, most at " + LOAD_ORDERS, verdict(THIRTY_SECONDS));
    }

    @Test
    void exhaustedPoolNamesTheCallSiteHoldingTheConnections() {
        start("stacks=full");
        exhaustFromLoadOrders();

        assertMatches("POOL EXHAUSTED: 2 of 2 connections out \\(pool max 2\\) are held by " + LOAD_ORDERS
                + ", oldest \\S+; 0 threads waiting", verdict(THIRTY_SECONDS));
    }

    @Test
    void exhaustedPoolWithOldLeasesIsALeak() {
        start("stacks=full");
        exhaustFromLoadOrders();

        assertMatches("POOL EXHAUSTED BY A LEAK: 2 of 2 connections out \\(pool max 2\\) were taken at " + LOAD_ORDERS
                + " and held past the leak threshold \\(1ns\\), the oldest \\S+", verdict(1));
    }

    @Test
    void oldLeaseInAPoolThatStillHasRoomIsASuspectedLeak() {
        start("stacks=full");
        app.loadOrders(connection1);

        assertMatches("LEAK SUSPECTED: 1 of 1 connection out \\(pool max 2\\) were taken at " + LOAD_ORDERS + " .*",
                verdict(1));
    }

    @Test
    void theLargestGroupOfHoldersIsNamed() {
        start("stacks=full");
        app.loadOrders(connection1);
        app.loadCustomers(connection2);
        app.loadCustomers(connection3);

        assertMatches("POOL EXHAUSTED: 2 of 3 connections out \\(pool max 2\\) are held by " + LOAD_CUSTOMERS + ", .*",
                verdict(THIRTY_SECONDS));
    }

    @Test
    void exhaustedPoolWithoutStacksSaysSo() {
        start("stacks=off");
        exhaustFromLoadOrders();

        assertEquals("POOL EXHAUSTED: 2 connections out (pool max 2), 0 threads waiting; no acquisition stack was recorded "
                + "for the holders (taken while the pool was healthy, or stacks=off)", verdict(THIRTY_SECONDS));
    }

    @Test
    void exhaustedPoolNamesTheHoldersWithAStackAndCountsTheOthers() {
        start("stacks=auto,sampleRate=1024");
        app.loadCustomers(connection1); // pool healthy: not sampled
        app.loadOrders(connection2);    // half the pool out: every stack is kept
        app.loadOrdersTimingOut();

        assertMatches("POOL EXHAUSTED: 1 of 2 connections out \\(pool max 2\\) are held by " + LOAD_ORDERS
                + ", oldest \\S+; 0 threads waiting; 1 more taken while the pool was healthy, without a recorded stack",
                verdict(THIRTY_SECONDS));
    }

    @Test
    void timeoutsWithNothingOutNowIsRecovered() {
        start("stacks=full");
        exhaustFromLoadOrders();
        app.close(connection1);
        app.close(connection2);

        assertEquals("RECOVERED: no connection is out now (1 acquire timeouts so far)", verdict(THIRTY_SECONDS));
    }

    @Test
    void timeoutsWhileThePoolCannotOpenMoreConnectionsIsCannotGrow() {
        start("stacks=full");
        app.loadOrders(connection1);
        recording.recorder().createEnd(pool, recording.recorder().createStart(pool),
                new SQLException("FATAL: too many connections for role \"app\""));
        app.loadOrdersTimingOut();

        assertEquals("POOL CANNOT GROW: 1 connection out of a maximum of 2, and opening more fails (1 failures so far); "
                + "last: java.sql.SQLException: FATAL: too many connections for role \"app\"", verdict(THIRTY_SECONDS));
    }

    @Test
    void timeoutsWhileConnectionsCannotBeOpenedIsCannotConnect() {
        start("stacks=full");
        pool.getConnection(connection1);
        pool.close(connection1);
        recording.recorder().createEnd(pool, recording.recorder().createStart(pool),
                new SQLException("FATAL: password authentication failed"));
        app.loadOrdersTimingOut();

        assertEquals("CANNOT CONNECT: no connection is out, yet acquires fail; opening one fails: "
                + "java.sql.SQLException: FATAL: password authentication failed", verdict(THIRTY_SECONDS));
    }

    @Test
    void eachVerdictHasItsKindAndTheCallSiteItNames() {
        start("stacks=full");
        assertEquals(VerdictKind.HEALTHY, kindAfter(() -> app.loadOrders(connection1), () -> app.close(connection1)));

        start("stacks=full");
        app.loadOrders(connection1);
        Verdict busy = read(THIRTY_SECONDS);
        assertEquals(VerdictKind.BUSY, busy.kind());
        assertMatches(LOAD_ORDERS, busy.callSite());
        assertEquals(1, busy.connectionsAtCallSite());
        Verdict leak = read(1);
        assertEquals(VerdictKind.LEAK_SUSPECTED, leak.kind());
        assertEquals(1, leak.heldPastLeakThreshold());

        start("stacks=full");
        exhaustFromLoadOrders();
        Verdict exhausted = read(THIRTY_SECONDS);
        assertEquals(VerdictKind.POOL_EXHAUSTED, exhausted.kind());
        assertTrue(exhausted.text().startsWith(exhausted.kind().headline() + ": "), exhausted.text());
        assertMatches(LOAD_ORDERS, exhausted.callSite());
        assertEquals(VerdictKind.POOL_EXHAUSTED_BY_A_LEAK, read(1).kind());
        app.close(connection1);
        app.close(connection2);
        Verdict recovered = read(THIRTY_SECONDS);
        assertEquals(VerdictKind.RECOVERED, recovered.kind());
        assertEquals(null, recovered.callSite());
        assertEquals(1L, recovered.timeouts());
    }

    private VerdictKind kindAfter(Runnable... steps) {
        for (Runnable step : steps) {
            step.run();
        }
        return read(THIRTY_SECONDS).kind();
    }

    @Test
    void theNumbersBehindAnExhaustedPool() {
        start("stacks=full");
        exhaustFromLoadOrders();
        Verdict verdict = read(THIRTY_SECONDS);

        assertEquals(Verdict.numberNames(), new java.util.ArrayList<>(verdict.numbers().keySet()));
        assertEquals(2L, verdict.numbers().get("connectionsOut"));
        assertEquals(2L, verdict.numbers().get("connectionsSeen"));
        assertEquals(0L, verdict.numbers().get("connectionsUnseen"));
        assertEquals(2L, verdict.numbers().get("maxConnections"));
        assertEquals(2L, verdict.numbers().get("connectionsAtCallSite"));
        assertEquals(1L, verdict.numbers().get("timeouts"));
        assertEquals(30_000L, verdict.numbers().get("leakThresholdMillis"));
    }

    @Test
    void fromJvmStartThePoolsOwnCountNeverClaimsConnectionsTakenBeforePoolscope() {
        // the pool counts one more than poolscope saw: a lease taken between the two readings
        start("stacks=full", false, 2);
        app.loadOrders(connection1);
        Verdict verdict = read(THIRTY_SECONDS);

        assertMatches("BUSY: 1 connection out of 2, most at " + LOAD_ORDERS, verdict.text());
        assertEquals(0, verdict.connectionsUnseen());

        start("stacks=full", false, 1);
        assertEquals(VerdictKind.HEALTHY, kindAfter(() -> app.loadOrders(connection1), () -> app.close(connection1)));
    }

    @Test
    void attachedToARunningJvmThePoolsOwnCountNamesWhatPoolscopeDidNotSee() {
        start("stacks=full", true, 2);
        app.loadOrders(connection1);
        Verdict verdict = read(THIRTY_SECONDS);

        assertMatches("POOL EXHAUSTED: 1 of 2 connections out \\(pool max 2\\) are held by " + LOAD_ORDERS
                + ", oldest \\S+; 0 threads waiting; 1 more were taken before poolscope was attached", verdict.text());
        assertEquals(1, verdict.connectionsUnseen());

        start("stacks=full", true, 2);
        app.loadOrders(connection1);
        app.close(connection1);
        assertEquals("POOL EXHAUSTED: 2 connections out (pool max 2), 0 threads waiting; poolscope saw none of them taken "
                + "(taken before poolscope was attached)", verdict(THIRTY_SECONDS));
    }
}
