package io.poolscope.report;

import io.poolscope.config.Options;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.record.Recording;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReporterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String DUMP_HEAD = "==== poolscope dump: pool 'orders'";
    private static final String LEAK_HEAD = "suspected leak in pool 'orders': ";
    private static final String RETURNED_HEAD = "suspected leak in pool 'orders' returned: ";

    /** Keeps what the reporter writes, each line led by its level. */
    private static final class MemoryLog implements Log {
        private final List<String> entries = new ArrayList<>();

        @Override
        public synchronized void info(String message) {
            entries.add("INFO " + message);
        }

        @Override
        public synchronized void warn(String message) {
            entries.add("WARN " + message);
        }

        /** Messages of one level ("INFO" or "WARN") that start with {@code prefix}. */
        synchronized List<String> messages(String level, String prefix) {
            return entries.stream()
                    .filter(entry -> entry.startsWith(level + " " + prefix))
                    .map(entry -> entry.substring(level.length() + 1))
                    .collect(Collectors.toList());
        }

        synchronized int size() {
            return entries.size();
        }
    }

    private final MemoryLog log = new MemoryLog();
    private final Object connection1 = new Object();
    private final Object connection2 = new Object();

    private Recording recording;
    private Reporter reporter;
    private FakeApp app;

    private void start(String options) {
        start(options, new FakeIntrospector(2));
    }

    private void start(String options, PoolIntrospector introspector) {
        Options parsed = Options.parse(options, new Properties());
        recording = new Recording(parsed, type -> introspector);
        reporter = new Reporter(recording, log, parsed);
        recording.listener(reporter);
        app = new FakeApp(new FakePool(recording.recorder(), "orders"));
    }

    private List<String> exhaustionDumps() {
        return log.messages("WARN", DUMP_HEAD);
    }

    private List<String> leakLines() {
        return log.messages("WARN", LEAK_HEAD);
    }

    private List<String> returnedLines() {
        return log.messages("INFO", RETURNED_HEAD);
    }

    @Test
    void newPoolIsLoggedOnce() {
        start("stacks=full");
        app.loadOrders(connection1);

        reporter.tick(System.nanoTime());
        reporter.tick(System.nanoTime());

        assertEquals(List.of("pool 'orders' (FakeCP) seen; recording its leases"), log.messages("INFO", "pool "));
    }

    @Test
    void noTimeoutNoDump() {
        start("stacks=full,leakThreshold=0");
        app.loadOrders(connection1);
        app.loadOrders(connection2);

        reporter.tick(System.nanoTime());
        reporter.tick(System.nanoTime() + 60 * SECOND);

        assertTrue(exhaustionDumps().isEmpty());
    }

    @Test
    void timeoutsWriteOneExhaustionDumpPerCooldownAndCountTheOnesHeldBack() {
        start("stacks=full,dumpCooldown=10s,leakThreshold=0");
        long t0 = System.nanoTime();
        app.loadOrders(connection1);
        app.loadOrders(connection2);

        app.loadOrdersTimingOut();
        app.loadOrdersTimingOut();
        reporter.tick(t0);
        assertEquals(1, exhaustionDumps().size(), "two timeouts before one pass: one dump");
        String first = exhaustionDumps().get(0);
        assertTrue(first.contains(" - pool exhausted: an acquire timed out - "), first);
        assertTrue(first.contains("\nacquires=4 leases=2 timeouts=2 "), first);
        assertFalse(first.contains("timeoutsNotDumped"), first);

        app.loadOrdersTimingOut();
        reporter.tick(t0 + SECOND);
        app.loadOrdersTimingOut();
        reporter.tick(t0 + 5 * SECOND);
        reporter.tick(t0 + 11 * SECOND);
        assertEquals(1, exhaustionDumps().size(), "held back within the cooldown; no timeout, no dump after it");

        app.loadOrdersTimingOut();
        reporter.tick(t0 + 11 * SECOND);
        assertEquals(2, exhaustionDumps().size(), "a timeout after the cooldown is dumped");
        String second = exhaustionDumps().get(1);
        assertTrue(second.contains(" timeouts=5 ") && second.contains(" timeoutsNotDumped=2\n"), second);

        app.loadOrdersTimingOut();
        reporter.tick(t0 + 12 * SECOND);
        assertEquals(2, exhaustionDumps().size(), "the cooldown runs from the last dump written");
    }

    @Test
    void timedOutCalledDirectlyIsDumpedOnTheNextPass() {
        start("stacks=full,dumpCooldown=10s,leakThreshold=0");
        app.loadOrders(connection1);
        long now = System.nanoTime();
        reporter.timedOut(recording.pools().get(0));
        reporter.timedOut(recording.pools().get(0));

        assertTrue(exhaustionDumps().isEmpty(), "application threads only queue the event");
        reporter.tick(now);
        reporter.tick(now + SECOND);

        assertEquals(1, exhaustionDumps().size());
    }

    @Test
    void suspectedLeakIsLoggedOncePerLease() {
        start("stacks=full,leakThreshold=1s");
        app.loadOrders(connection1);

        reporter.tick(System.nanoTime());
        assertTrue(leakLines().isEmpty(), "younger than the threshold");

        reporter.tick(System.nanoTime() + 2 * SECOND);
        reporter.tick(System.nanoTime() + 3 * SECOND);
        assertEquals(1, leakLines().size());
        String leak = leakLines().get(0);
        assertTrue(Pattern.compile("a connection has been held for 2\\.\\d\\ds by thread ").matcher(leak).find(), leak);
        assertTrue(leak.contains("acquired at:\n    at org.example.fakeapp.FakeApp.loadOrders(FakeApp.java:"), leak);

        app.close(connection1);
        app.loadOrders(connection1);
        reporter.tick(System.nanoTime() + 2 * SECOND);
        assertEquals(2, leakLines().size(), "the next lease of the connection is a new lease");
    }

    @Test
    void leaseReturnedBeforeTheThresholdIsNoLeak() {
        start("stacks=full,leakThreshold=1s");
        app.loadOrders(connection1);
        app.close(connection1);

        reporter.tick(System.nanoTime() + 2 * SECOND);

        assertTrue(leakLines().isEmpty());
        assertTrue(returnedLines().isEmpty());
    }

    @Test
    void leakThresholdZeroTurnsLeakReportsOff() {
        start("stacks=full,leakThreshold=0");
        app.loadOrders(connection1);

        reporter.tick(System.nanoTime() + TimeUnit.HOURS.toNanos(1));

        assertTrue(leakLines().isEmpty());
    }

    @Test
    void reportedLeakThatComesBackIsLoggedOnTheNextPass() {
        start("stacks=full,leakThreshold=1s");
        app.loadOrders(connection1);
        reporter.tick(System.nanoTime() + 2 * SECOND);
        assertEquals(1, leakLines().size());

        app.close(connection1);
        assertTrue(returnedLines().isEmpty(), "the releasing thread only queues the line");
        reporter.tick(System.nanoTime());
        reporter.tick(System.nanoTime());

        assertEquals(1, returnedLines().size());
        String me = Thread.currentThread().getName();
        String returned = returnedLines().get(0);
        assertTrue(returned.startsWith(RETURNED_HEAD + "the connection taken by " + me), returned);
        assertTrue(returned.endsWith(" (closed by " + me + ")"), returned);
        assertTrue(returned.contains(" came back after "), returned);
    }

    @Test
    void returnedLeakLineNamesWhereTheConnectionWasTaken() {
        start("stacks=full,leakThreshold=1s");
        app.loadOrders(connection1);
        reporter.tick(System.nanoTime() + 2 * SECOND);

        app.close(connection1);
        reporter.tick(System.nanoTime());

        assertEquals(1, returnedLines().size());
        assertTrue(returnedLines().get(0).contains(" at org.example.fakeapp.FakeApp.loadOrders(FakeApp.java:"),
                returnedLines().get(0));
    }

    @Test
    void periodicDumpFollowsDumpInterval() {
        start("stacks=full,dumpInterval=1m,leakThreshold=0");
        app.loadOrders(connection1);
        long now = System.nanoTime();

        reporter.tick(now);
        assertTrue(log.messages("INFO", DUMP_HEAD).isEmpty());
        reporter.tick(now + 61 * SECOND);
        reporter.tick(now + 62 * SECOND);

        List<String> dumps = log.messages("INFO", DUMP_HEAD);
        assertEquals(1, dumps.size());
        assertTrue(dumps.get(0).contains(" - periodic (dumpInterval) - "), dumps.get(0));
    }

    @Test
    void internalErrorsAreReportedOnceUntilThereAreMore() {
        start("stacks=full", new FakeIntrospector(2) {
            @Override
            public boolean isTimeout(Throwable thrown) {
                throw new IllegalStateException("cannot classify");
            }
        });

        app.loadOrdersTimingOut();
        reporter.tick(System.nanoTime());
        reporter.tick(System.nanoTime());
        app.loadOrdersTimingOut();
        reporter.tick(System.nanoTime());

        List<String> reports = log.messages("WARN", "poolscope: ");
        assertEquals(2, reports.size());
        assertTrue(reports.get(0).startsWith("poolscope: 1 internal errors so far (the application was not affected); "
                + "first: java.lang.IllegalStateException: cannot classify at "), reports.get(0));
        assertTrue(reports.get(1).startsWith("poolscope: 2 internal errors so far"), reports.get(1));
    }

    @Test
    void shutdownDumpsOnlyPoolsWithConnectionsOut() {
        start("stacks=full");
        assertEquals("poolscope: no pool seen yet", reporter.dumpAll(DumpReason.ON_DEMAND));
        app.loadOrders(connection1);
        app.close(connection1);

        reporter.dumpAtShutdown();
        assertEquals(0, log.size());

        app.loadOrders(connection1);
        reporter.dumpAtShutdown();
        assertEquals(1, exhaustionDumps().size());
        assertTrue(exhaustionDumps().get(0).contains(" - JVM shutdown with connections still out - "));
    }
}
