package io.poolscope.report;

import io.poolscope.config.Options;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import org.example.fakeapp.FakeApp;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpFormatterTest {

    private static final long THIRTY_SECONDS = TimeUnit.SECONDS.toNanos(30);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String LOAD_ORDERS = "org\\.example\\.fakeapp\\.FakeApp\\.loadOrders\\(FakeApp\\.java:\\d+\\)";
    /** One frame as Java prints stack traces, without module or class-loader prefix. */
    private static final Pattern STACK_LINE =
            Pattern.compile("        at [\\w$.<>]+\\(([\\w$.]+:\\d+|Native Method|Unknown Source)\\)");

    /** A frame of a holder's current stack in a leak line: indented four spaces, or the count of frames left out. */
    private static final Pattern LEAK_STACK_LINE =
            Pattern.compile("    at [\\w$.<>]+\\(([\\w$.]+:\\d+|Native Method|Unknown Source)\\)|    \\.\\.\\. \\d+ more");

    private final Object connection1 = new Object();
    private final Object connection2 = new Object();
    private final CountDownLatch releaseWaiter = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    private Recording recording;
    private FakePool pool;
    private FakeApp app;

    private void start(String options) {
        recording = new Recording(Options.parse(options, new Properties()), type -> new FakeIntrospector(2));
        pool = new FakePool(recording.recorder(), "orders");
        app = new FakeApp(pool);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        releaseWaiter.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private PoolHandle handle() {
        List<PoolHandle> pools = recording.pools();
        assertEquals(1, pools.size());
        return pools.get(0);
    }

    private String dump(DumpReason reason, long suppressed) {
        return DumpFormatter.pool(PoolState.read(handle(), recording, THIRTY_SECONDS), reason, suppressed);
    }

    /** Two connections taken at FakeApp.loadOrders, one acquire timed out, one thread waiting. */
    private void exhaustWithAThreadWaiting() throws InterruptedException {
        for (Object connection : List.of(connection1, connection2)) {
            app.loadOrders(connection); // one line: both leases share one stack
        }
        app.loadOrdersTimingOut();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            Object token = recording.recorder().acquireStart(pool);
            waiting.countDown();
            try {
                releaseWaiter.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recording.recorder().acquireExit(token, null);
        }, "orders-worker");
        threads.add(worker);
        worker.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recording.waiters(handle()).isEmpty()) { // it counts as waiting after a millisecond
            assertTrue(System.nanoTime() < deadline, "the worker never counted as waiting");
            Thread.onSpinWait();
        }
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in:\n" + String.join("\n", lines));
    }

    private static void assertMatches(String regex, String text) {
        assertTrue(Pattern.matches(regex, text), () -> "expected to match\n  " + regex + "\nbut was\n  " + text);
    }

    @Test
    void exhaustionDumpShowsVerdictCountersHoldersWaitersAndConfiguration() throws InterruptedException {
        start("stacks=full,maxStackDepth=3");
        exhaustWithAThreadWaiting();

        String dump = dump(DumpReason.EXHAUSTED, 0);
        List<String> lines = lines(dump);

        assertMatches("==== poolscope dump: pool 'orders' \\(FakeCP\\) - pool exhausted: an acquire timed out - "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ====", lines.get(0));
        assertMatches("verdict: POOL EXHAUSTED: 2 of 2 connections out \\(pool max 2\\) are held by " + LOAD_ORDERS
                + ", oldest \\S+; 1 threads waiting", lines.get(1));
        assertEquals("pool: active=? idle=? total=? max=2 waiting=?; poolscope sees 2 connections out, 1 threads waiting",
                lines.get(2));
        assertEquals("acquires=3 leases=2 timeouts=1 failures=0 releases=0 suspectedLeaks=0 closedWhileOut=0", lines.get(3));
        assertTrue(lines.contains("holders by call site (2 connections out, 1 call site):"), dump);
        assertMatches("  \\[1\\] 2 connections held \\S+ to \\S+ \\(oldest since [-\\d :.]+\\), by "
                + Pattern.quote(Thread.currentThread().getName()), lines.get(indexOfLineStartingWith(lines, "  [1] ")));
        assertMatches("waiting threads \\(1\\): orders-worker for \\S+", lines.get(indexOfLineStartingWith(lines, "waiting threads")));
        assertTrue(lines.contains("configuration: maximumPoolSize=2 connectionTimeoutMs=250 jdbcUrl=jdbc:fake://db.example/orders"),
                dump);
        assertEquals("==== end of poolscope dump: pool 'orders' ====", lines.get(lines.size() - 1));
        assertFalse(dump.contains("timeoutsNotDumped"), dump);
    }

    @Test
    void holderStackIsPrintedLikeAJavaStackTrace() throws InterruptedException {
        start("stacks=full,maxStackDepth=4");
        exhaustWithAThreadWaiting();

        List<String> lines = lines(dump(DumpReason.ON_DEMAND, 0));

        int acquiredAt = indexOfLineStartingWith(lines, "      acquired at ");
        assertMatches("      acquired at " + LOAD_ORDERS, lines.get(acquiredAt));
        assertMatches("      called from io\\.poolscope\\.report\\.DumpFormatterTest\\.exhaustWithAThreadWaiting"
                + "\\(DumpFormatterTest\\.java:\\d+\\) \\(2 connections\\)", lines.get(acquiredAt + 1));
        assertMatches("        at " + LOAD_ORDERS, lines.get(acquiredAt + 2));
        assertMatches("        at io\\.poolscope\\.report\\.DumpFormatterTest\\.exhaustWithAThreadWaiting\\(DumpFormatterTest\\.java:\\d+\\)",
                lines.get(acquiredAt + 3));
        assertMatches("        at io\\.poolscope\\.report\\.DumpFormatterTest\\.holderStackIsPrintedLikeAJavaStackTrace\\(DumpFormatterTest\\.java:\\d+\\)",
                lines.get(acquiredAt + 4));
        // the rest of the stack, JUnit's and the JDK's frames, is folded into one line within maxStackDepth=4
        assertMatches("        \\.\\.\\. \\d+ frames of .*\\bjava\\b.*\\borg\\.junit\\b.* \\.\\.\\.", lines.get(acquiredAt + 5));
        String holder = Thread.currentThread().getName();
        assertEquals("      the oldest holder, " + holder + ", is now (RUNNABLE):", lines.get(acquiredAt + 6));
        assertTrue(STACK_LINE.matcher(lines.get(acquiredAt + 7)).matches(), lines.get(acquiredAt + 7));
    }

    @Test
    void oneCallSiteReachedThroughDifferentStacksSaysHowMany() {
        start("stacks=full");
        app.loadOrders(connection1);
        app.loadOrders(connection2);

        String dump = dump(DumpReason.ON_DEMAND, 0);

        assertTrue(dump.contains("holders by call site (2 connections out, 1 call site):\n"), dump);
        assertMatches("(?s).*\n      acquired at " + LOAD_ORDERS + "\n      called from .*\n"
                + "      the most common of 2 distinct stacks:\n        at " + LOAD_ORDERS + "\n.*", dump);
    }

    @Test
    void dumpNamesItsReasonAndTheDumpsHeldBack() {
        start("stacks=full");
        app.loadOrders(connection1);

        String dump = dump(DumpReason.EXHAUSTED, 4);

        assertTrue(dump.contains(" suspectedLeaks=0 closedWhileOut=0 timeoutsNotDumped=4\n"), dump);
        assertTrue(dump(DumpReason.ON_DEMAND, 0).startsWith("==== poolscope dump: pool 'orders' (FakeCP) - on demand - "));
        assertTrue(dump(DumpReason.INTERVAL, 0).contains(" - periodic (dumpInterval) - "));
        assertTrue(dump.contains("waiting threads: none\n"), dump);
    }

    @Test
    void holdersWithoutStacksAreOneGroupSayingSo() {
        start("stacks=off");
        app.loadOrders(connection1);

        String dump = dump(DumpReason.ON_DEMAND, 0);

        assertTrue(dump.contains("holders by call site (1 connections out, 0 call sites):\n"), dump);
        assertTrue(dump.contains("      acquisition stack not captured (stacks=off"), dump);
        assertFalse(dump.contains("acquired at"), dump);
    }

    @Test
    void holderWhoseThreadEndedIsSaidToHaveEnded() throws InterruptedException {
        start("stacks=full");
        Thread worker = new Thread(() -> app.loadOrders(connection1), "batch-1");
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive());

        String dump = dump(DumpReason.ON_DEMAND, 0);

        assertTrue(dump.contains("      the oldest holder, batch-1, has ended\n"), dump);
    }

    @Test
    void emptyPoolHasNoHolders() {
        start("stacks=full");
        app.loadOrders(connection1);
        app.close(connection1);

        String dump = dump(DumpReason.ON_DEMAND, 0);

        assertTrue(dump.contains("\nholders: none\n"), dump);
        assertTrue(dump.contains("\nacquires=1 leases=1 timeouts=0 failures=0 releases=1 "), dump);
        assertMatches("(?s).*\nhold:  n=1 p50=\\S+ p95=\\S+ p99=\\S+ max=\\S+  \\| last minute: n=1 .*", dump);
    }

    @Test
    void connectionsBeyondMaxLeasesAreNoted() {
        start("stacks=full,maxLeases=1");
        app.loadOrders(connection1);
        app.loadOrders(connection2);

        assertTrue(dump(DumpReason.ON_DEMAND, 0).contains("\nnote: 1 leases not tracked (maxLeases connections were tracked already)\n"));
    }

    @Test
    void leakLineNamesAgeHolderAndAcquisitionStack() {
        start("stacks=full,maxStackDepth=3");
        app.loadOrders(connection1);
        LeaseView lease = onlySuspectedLeak();

        String line = DumpFormatter.leak("orders", lease);
        List<String> lines = lines(line);

        assertMatches("suspected leak in pool 'orders': a connection has been held for 5\\.\\d\\ds by thread "
                + Pattern.quote(Thread.currentThread().getName()) + " \\(waited \\S+ to get it\\); acquired at:", lines.get(0));
        assertMatches("    at " + LOAD_ORDERS, lines.get(1));
        assertMatches("    at io\\.poolscope\\.report\\.DumpFormatterTest\\.leakLineNamesAgeHolderAndAcquisitionStack\\(DumpFormatterTest\\.java:\\d+\\)",
                lines.get(2));
        assertMatches("    \\.\\.\\. \\d+ frames of .+ \\.\\.\\.", lines.get(3));
        assertEquals(4, lines.size(), "no trailing newline");
    }

    @Test
    void leakLineWithoutStackShowsWhatTheLiveHolderDoesNow() {
        start("stacks=off");
        app.loadOrders(connection1);

        List<String> lines = lines(DumpFormatter.leak("orders", onlySuspectedLeak()));

        assertTrue(lines.get(0).endsWith("; its acquisition stack was not captured (stacks=off, or taken while the pool "
                + "was healthy); the holder is now (RUNNABLE):"), lines.get(0));
        assertTrue(lines.size() > 1);
        for (String frame : lines.subList(1, lines.size())) {
            assertTrue(LEAK_STACK_LINE.matcher(frame).matches(), frame);
        }
    }

    @Test
    void leakLineWithoutStackOfAnEndedHolderIsOneLine() throws InterruptedException {
        start("stacks=off");
        Thread worker = new Thread(() -> app.loadOrders(connection1), "batch-1");
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive());

        String line = DumpFormatter.leak("orders", onlySuspectedLeak());

        assertTrue(line.contains(" by thread batch-1 (waited "), line);
        assertTrue(line.endsWith(" to get it); its acquisition stack was not captured "
                + "(stacks=off, or taken while the pool was healthy)"), line);
        assertFalse(line.contains("\n"), line);
    }

    @Test
    void leakReturnedLineNamesTakerCallSiteHoldAndCloser() {
        start("stacks=full");
        app.loadOrders(connection1);
        LeaseView lease = onlySuspectedLeak();

        String line = DumpFormatter.leakReturned("orders", lease, 2_500_000_000L, "orders-worker");

        assertEquals("suspected leak in pool 'orders' returned: the connection taken by " + Thread.currentThread().getName()
                + " at " + lease.stack().callSite() + " came back after 2.50s (closed by orders-worker)", line);
        assertMatches(LOAD_ORDERS, lease.stack().callSite());
    }

    private LeaseView onlySuspectedLeak() {
        List<LeaseView> leaks = recording.newSuspectedLeaks(handle(), System.nanoTime() + 5 * SECOND, SECOND);
        assertEquals(1, leaks.size());
        return leaks.get(0);
    }
}
