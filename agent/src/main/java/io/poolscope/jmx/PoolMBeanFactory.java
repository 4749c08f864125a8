package io.poolscope.jmx;

import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import io.poolscope.report.DumpReason;
import io.poolscope.report.PoolState;
import io.poolscope.report.Reporter;

import javax.management.openmbean.SimpleType;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Builds the MBean {@code poolscope:type=Pool,name=<pool>}: counters, percentiles, configuration, live leases. */
final class PoolMBeanFactory {

    private PoolMBeanFactory() {
    }

    static OpenMBean create(PoolHandle pool, Recording recording, Reporter reporter) {
        OpenMBean bean = new OpenMBean("io.poolscope.Pool", "poolscope: one connection pool");
        long leakThreshold = reporter.leakThresholdNanos();
        bean.attribute("Name", "The pool's name", SimpleType.STRING, pool::name)
            .attribute("Library", "The pool library", SimpleType.STRING, pool::library)
            .attribute("Verdict", "poolscope's reading of the pool's state", SimpleType.STRING,
                    () -> PoolState.read(pool, recording, leakThreshold).verdict.text())
            .attribute("ActiveConnections", "Connections out, as the pool counts them (-1 unknown)", SimpleType.INTEGER,
                    () -> pool.counters().active())
            .attribute("IdleConnections", "Idle connections, as the pool counts them", SimpleType.INTEGER,
                    () -> pool.counters().idle())
            .attribute("TotalConnections", "Open connections, as the pool counts them", SimpleType.INTEGER,
                    () -> pool.counters().total())
            .attribute("ThreadsAwaitingConnection", "Waiting threads, as the pool counts them", SimpleType.INTEGER,
                    () -> pool.counters().waiting())
            .attribute("MaxConnections", "The pool's maximum size (-1 unknown)", SimpleType.INTEGER, pool::maxConnections)
            .attribute("LeasesOut", "Connections out, as poolscope sees them", SimpleType.INTEGER,
                    () -> recording.leases(pool, System.nanoTime()).size())
            .attribute("WaitingThreads", "Threads in the acquire method now, as poolscope sees them", SimpleType.INTEGER,
                    () -> recording.waiters(pool).size());
        longStat(bean, pool, "Acquires", "Acquires that ended (successful or not): LeasesTaken + Timeouts + Failures",
                StatisticsView::acquires);
        longStat(bean, pool, "LeasesTaken", "Acquires that ended with a connection", StatisticsView::leases);
        longStat(bean, pool, "Timeouts", "Acquires that ended with the pool's timeout", StatisticsView::timeouts);
        longStat(bean, pool, "Failures", "Acquires that failed otherwise", StatisticsView::failures);
        longStat(bean, pool, "Releases", "Connections the application returned", StatisticsView::releases);
        longStat(bean, pool, "Reclaimed", "Leases the pool took back from their holder (abandoned-connection removal)",
                StatisticsView::reclaimed);
        longStat(bean, pool, "EndedUnseen", "Leases whose end poolscope did not see (the pool handed the connection out again)",
                StatisticsView::endedUnseen);
        longStat(bean, pool, "SuspectedLeaks", "Leases held past leakThreshold", StatisticsView::suspectedLeaks);
        longStat(bean, pool, "ConnectionsClosedWhileOut", "Connections the pool closed while out (broken, evicted, shut down)",
                StatisticsView::closedWhileOut);
        longStat(bean, pool, "ConnectionsCreated", "Physical connections opened", s -> s.creates().count());
        longStat(bean, pool, "ConnectionCreationFailures", "Physical connections that failed to open",
                StatisticsView::createFailures);
        millis(bean, pool, "WaitP50Millis", "Wait for a connection, median since start", s -> s.waitSinceStart().p50());
        millis(bean, pool, "WaitP95Millis", "Wait, 95th percentile since start", s -> s.waitSinceStart().p95());
        millis(bean, pool, "WaitP99Millis", "Wait, 99th percentile since start", s -> s.waitSinceStart().p99());
        millis(bean, pool, "WaitMaxMillis", "Wait, maximum since start", s -> s.waitSinceStart().max());
        millis(bean, pool, "RecentWaitP99Millis", "Wait, 99th percentile over the last minute", s -> s.waitRecent().p99());
        millis(bean, pool, "HoldP50Millis", "Hold time, median since start", s -> s.holdSinceStart().p50());
        millis(bean, pool, "HoldP95Millis", "Hold time, 95th percentile since start", s -> s.holdSinceStart().p95());
        millis(bean, pool, "HoldP99Millis", "Hold time, 99th percentile since start", s -> s.holdSinceStart().p99());
        millis(bean, pool, "HoldMaxMillis", "Hold time, maximum since start", s -> s.holdSinceStart().max());
        millis(bean, pool, "RecentHoldP99Millis", "Hold time, 99th percentile over the last minute", s -> s.holdRecent().p99());
        millis(bean, pool, "ConnectionCreateP99Millis", "Time to open a connection, 99th percentile", s -> s.creates().p99());
        bean.attribute("LastConnectionCreationFailure", "The driver's message of the last failed open", SimpleType.STRING,
                () -> String.valueOf(pool.statistics().lastCreateFailure()))
            .attribute("Configuration", "The pool's configuration, as the pool sees it", Tables.KEY_VALUE,
                    () -> Tables.keyValues(pool.settings()))
            .attribute("Leases", "Connections out of the pool: holder, age, wait, call site, stack", Tables.LEASES,
                    () -> Tables.leases(PoolState.read(pool, recording, leakThreshold)))
            .operation("dump", "This pool's dump as text", SimpleType.STRING,
                    () -> reporter.dump(pool, DumpReason.ON_DEMAND, 0));
        return bean;
    }

    private static void longStat(OpenMBean bean, PoolHandle pool, String name, String help,
                                 ToLongFunction<StatisticsView> value) {
        bean.attribute(name, help, SimpleType.LONG, () -> value.applyAsLong(pool.statistics()));
    }

    private static void millis(OpenMBean bean, PoolHandle pool, String name, String help,
                               Function<StatisticsView, Long> nanos) {
        bean.attribute(name, help, SimpleType.DOUBLE, () -> nanos.apply(pool.statistics()) / 1e6);
    }
}
