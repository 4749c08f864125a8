package io.poolscope.jmx;

import io.poolscope.pools.PoolIntrospector;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import io.poolscope.report.DumpReason;
import io.poolscope.report.PoolState;
import io.poolscope.report.Reporter;

import javax.management.MBeanOperationInfo;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The MBean {@code poolscope:type=Pool,name=<pool>}: verdict, counters, percentiles, configuration,
 * leases, call sites and waiters, and notifications. Every attribute is read from one
 * {@link PoolSnapshot} at most {@link #MAX_AGE_NANOS} old: a JConsole refresh reads some thirty
 * attributes, and the pool is read once for them. Reading never takes a lock a pool thread takes.
 */
final class PoolMBean {

    /** A snapshot this old is taken again. */
    static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PoolHandle pool;
    private final Recording recording;
    private final Reporter reporter;
    private final java.util.function.IntSupplier maxShown;
    private final OpenMBean bean;
    private final PoolNotifications notifications;
    private final Object taking = new Object();
    private volatile PoolSnapshot current;
    /** The snapshot of a getAttributes call under way on this thread. */
    private final ThreadLocal<PoolSnapshot> pinned = new ThreadLocal<>();

    /** {@code maxShown}: maxLeasesShown in force. */
    PoolMBean(PoolHandle pool, Recording recording, Reporter reporter, java.util.function.IntSupplier maxShown) {
        this.pool = pool;
        this.recording = recording;
        this.reporter = reporter;
        this.maxShown = maxShown;
        this.bean = new OpenMBean("io.poolscope.Pool", "poolscope: one connection pool, who holds its connections"
                + " and who waits for one. Figures are read at most 1 s apart (SnapshotTime).");
        this.notifications = new PoolNotifications(pool.name(), bean, reporter::dumpCooldownNanos);
        describe();
    }

    OpenMBean bean() {
        return bean;
    }

    PoolNotifications notifications() {
        return notifications;
    }

    /** The next read takes a new snapshot (after a reset, or an option changed). */
    void invalidate() {
        current = null;
    }

    PoolSnapshot snapshot() {
        PoolSnapshot fixed = pinned.get();
        if (fixed != null) {
            return fixed;
        }
        PoolSnapshot snapshot = current;
        if (snapshot != null && System.nanoTime() - snapshot.takenNanos < MAX_AGE_NANOS) {
            return snapshot;
        }
        synchronized (taking) { // JMX readers only: one of them reads the pool, the others use its reading
            snapshot = current;
            if (snapshot == null || System.nanoTime() - snapshot.takenNanos >= MAX_AGE_NANOS) {
                snapshot = new PoolSnapshot(PoolState.read(pool, recording, reporter.leakThresholdNanos()),
                        pool.callSites().view(), maxShown.getAsInt());
                current = snapshot;
            }
            return snapshot;
        }
    }

    private void describe() {
        bean.batch(new OpenMBean.Batch() {
            @Override
            public void begin() {
                pinned.remove();
                pinned.set(snapshot());
            }

            @Override
            public void end() {
                pinned.remove();
            }
        });
        bean.attribute("Name", "The pool's name, as in this MBean's name", SimpleType.STRING, pool::name)
            .attribute("Library", "The pool library", SimpleType.STRING, pool::library)
            .attribute("SnapshotTime", "When the figures shown were read (they are read again after 1 s)",
                    SimpleType.STRING, () -> io.poolscope.config.Formats.timestamp(snapshot().state.nowMillis))
            .attribute("Verdict", "poolscope's reading of the pool's state, as a sentence that names the culprit",
                    SimpleType.STRING, () -> snapshot().state.verdict.text())
            .attribute("VerdictKind", "The verdict as a constant: HEALTHY, BUSY, RECOVERED, LEAK_SUSPECTED, POOL_EXHAUSTED,"
                    + " POOL_EXHAUSTED_BY_A_LEAK, POOL_CANNOT_GROW, CANNOT_CONNECT", SimpleType.STRING,
                    () -> snapshot().state.verdict.kind().name())
            .attribute("VerdictCallSite", "The call site the verdict names (where the connections it speaks of were"
                    + " taken), or empty", SimpleType.STRING, () -> orEmpty(snapshot().state.verdict.callSite()))
            .attribute("VerdictNumbers", "The numbers behind the verdict", Tables.VERDICT_NUMBERS,
                    () -> snapshot().verdictNumbers())
            .attribute("ActiveConnections", "Connections out, as the pool counts them (-1 unknown)", SimpleType.INTEGER,
                    () -> snapshot().state.counters.active())
            .attribute("IdleConnections", "Idle connections, as the pool counts them (-1 unknown)", SimpleType.INTEGER,
                    () -> snapshot().state.counters.idle())
            .attribute("TotalConnections", "Open connections, as the pool counts them (-1 unknown)", SimpleType.INTEGER,
                    () -> snapshot().state.counters.total())
            .attribute("ThreadsAwaitingConnection", "Waiting threads, as the pool counts them (-1 unknown)",
                    SimpleType.INTEGER, () -> snapshot().state.counters.waiting())
            .attribute("MaxConnections", "The pool's maximum size (-1 unknown)", SimpleType.INTEGER,
                    () -> snapshot().state.maxConnections)
            .attribute("AcquireTimeoutMillis", "How long the pool lets a thread wait for a connection, in milliseconds"
                    + " (0: it waits forever; -1: unknown)", SimpleType.LONG, () -> timeout(snapshot().state))
            .attribute("LeasesOut", "Connections out, as poolscope sees them", SimpleType.INTEGER,
                    () -> snapshot().state.leases.size())
            .attribute("LeasesNotShown", "Connections out beyond the first maxLeasesShown (oldest first) listed in Leases",
                    SimpleType.INTEGER, () -> snapshot().leasesNotShown())
            .attribute("LeasesNotTracked", "Leases counted but not tracked, because maxLeases connections were tracked",
                    SimpleType.LONG, pool::untrackedLeases)
            .attribute("WaitingThreads", "Threads that have waited 50 ms or more in the pool's acquire method now,"
                    + " as poolscope sees them", SimpleType.INTEGER, () -> snapshot().state.waiters.size());
        longStat("Acquires", "Acquires that ended since start (or resetStatistics): LeasesTaken + Timeouts + Failures",
                StatisticsView::acquires);
        longStat("LeasesTaken", "Acquires that ended with a connection (after resetStatistics, the connections out"
                + " at the reset count as taken at it)", StatisticsView::leases);
        longStat("Timeouts", "Acquires that ended with the pool's timeout", StatisticsView::timeouts);
        longStat("Failures", "Acquires that failed otherwise", StatisticsView::failures);
        longStat("Releases", "Connections the application returned (never more than LeasesTaken)",
                StatisticsView::releases);
        longStat("Reclaimed", "Leases the pool took back from their holder (abandoned-connection removal)",
                StatisticsView::reclaimed);
        longStat("EndedUnseen", "Leases whose end poolscope did not see (the pool handed the connection out again)",
                StatisticsView::endedUnseen);
        longStat("SuspectedLeaks", "Leases held past leakThreshold", StatisticsView::suspectedLeaks);
        longStat("ConnectionsClosedWhileOut", "Connections the pool closed while out (broken, evicted, shut down, or taken back without saying so)",
                StatisticsView::closedWhileOut);
        longStat("ConnectionsCreated", "Physical connections opened", s -> s.creates().count());
        longStat("ConnectionCreationFailures", "Physical connections that failed to open", StatisticsView::createFailures);
        millis("WaitP50Millis", "Wait for a connection, median, in milliseconds", s -> s.waitSinceStart().p50());
        millis("WaitP95Millis", "Wait for a connection, 95th percentile, in milliseconds", s -> s.waitSinceStart().p95());
        millis("WaitP99Millis", "Wait for a connection, 99th percentile, in milliseconds", s -> s.waitSinceStart().p99());
        millis("WaitMaxMillis", "Wait for a connection, maximum, in milliseconds", s -> s.waitSinceStart().max());
        millis("WaitMeanMillis", "Wait for a connection, mean, in milliseconds", s -> s.waitSinceStart().mean());
        millis("RecentWaitP99Millis", "Wait for a connection, 99th percentile over the last minute, in milliseconds",
                s -> s.waitRecent().p99());
        millis("HoldP50Millis", "Hold time of the connections returned, median, in milliseconds",
                s -> s.holdSinceStart().p50());
        millis("HoldP95Millis", "Hold time, 95th percentile, in milliseconds", s -> s.holdSinceStart().p95());
        millis("HoldP99Millis", "Hold time, 99th percentile, in milliseconds", s -> s.holdSinceStart().p99());
        millis("HoldMaxMillis", "Hold time, maximum, in milliseconds", s -> s.holdSinceStart().max());
        millis("HoldMeanMillis", "Hold time, mean, in milliseconds", s -> s.holdSinceStart().mean());
        millis("RecentHoldP99Millis", "Hold time, 99th percentile over the last minute, in milliseconds",
                s -> s.holdRecent().p99());
        millis("ConnectionCreateP99Millis", "Time to open a connection, 99th percentile, in milliseconds",
                s -> s.creates().p99());
        bean.attribute("LastConnectionCreationFailure", "The driver's message for the last connection that failed to"
                        + " open, or empty", SimpleType.STRING,
                    () -> orEmpty(snapshot().state.stats.lastCreateFailure()))
            .attribute("Configuration", "The pool's configuration, as the pool sees it (no credentials)", Tables.KEY_VALUE,
                    () -> snapshot().configuration())
            .attribute("Leases", "Connections out of the pool, oldest first (at most maxLeasesShown; the rest are"
                    + " counted in LeasesNotShown): holder thread and its state, age, wait, call site, stack",
                    Tables.LEASES, () -> snapshot().leases())
            .attribute("CallSites", "Where the connections are taken: connections out now, the oldest, long leases"
                    + " since start and their mean hold, timeouts while the site held a connection", Tables.CALL_SITES,
                    () -> snapshot().callSites())
            .attribute("Waiters", "Threads waiting for a connection, the longest first: how long, and where they ask",
                    Tables.WAITERS, () -> snapshot().waiters())
            .operation("dump", "This pool's dump as text, as the log writes it", SimpleType.STRING,
                    MBeanOperationInfo.INFO, () -> reporter.dump(pool, DumpReason.ON_DEMAND, 0));
        notifications.describe();
    }

    private static long timeout(PoolState state) {
        long millis = state.acquireTimeoutMillis;
        return millis == PoolIntrospector.WAITS_FOREVER ? 0 : Math.max(-1, millis);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private void longStat(String name, String help, ToLongFunction<StatisticsView> value) {
        attribute(name, help, SimpleType.LONG, () -> value.applyAsLong(snapshot().state.stats));
    }

    private void millis(String name, String help, Function<StatisticsView, Long> nanos) {
        attribute(name, help + " (since start or resetStatistics)", SimpleType.DOUBLE,
                () -> nanos.apply(snapshot().state.stats) / 1e6);
    }

    private <T> void attribute(String name, String help, OpenType<T> type, java.util.function.Supplier<Object> value) {
        bean.attribute(name, help, type, value);
    }
}
