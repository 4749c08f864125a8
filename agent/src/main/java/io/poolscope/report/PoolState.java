package io.poolscope.report;

import io.poolscope.diagnose.HolderGroup;
import io.poolscope.diagnose.Verdict;
import io.poolscope.pools.PoolCounters;
import io.poolscope.record.CallSites;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;

import java.util.List;
import java.util.Map;

/** Everything a dump shows about one pool, read at one moment. Shared by the log dump and JMX. */
public final class PoolState {

    public final PoolHandle pool;
    public final long nowNanos;
    public final long nowMillis;
    public final StatisticsView stats;
    public final PoolCounters counters;
    public final Map<String, String> settings;
    public final int maxConnections;
    /** How long the pool lets an acquire wait, ms; {@code PoolIntrospector.WAITS_FOREVER} or {@code TIMEOUT_UNKNOWN}. */
    public final long acquireTimeoutMillis;
    public final List<LeaseView> leases;
    public final List<WaiterView> waiters;
    public final List<HolderGroup> groups;
    /**
     * Connections out that were taken before poolscope was attached: the pool's own count less the
     * leases poolscope tracks; 0 when poolscope ran from before the pool, or the pool does not count.
     */
    public final int outSinceBeforeAttach;
    public final Verdict verdict;
    /** Whether the pool may hold connections poolscope did not see taken. */
    public final Verdict.Unseen unseen;
    /** The recording's call sites: what names a live thread's stack as a lease's is named. */
    public final CallSites callSites;

    private PoolState(PoolHandle pool, Recording recording, long leakThresholdNanos) {
        this.pool = pool;
        this.callSites = recording.callSites();
        PoolCounters before = pool.counters();
        this.nowNanos = System.nanoTime();
        this.nowMillis = System.currentTimeMillis();
        this.leases = recording.leases(pool, nowNanos); // their ages are measured from nowNanos
        this.waiters = recording.waiters(pool);
        this.stats = pool.statistics();
        this.counters = pool.counters();
        this.settings = pool.settings();
        this.maxConnections = pool.maxConnections();
        this.acquireTimeoutMillis = pool.acquireTimeoutMillis();
        this.groups = HolderGroup.byCallSite(leases);
        this.unseen = recording.poolsMayPredate() ? Verdict.Unseen.TAKEN_BEFORE_ATTACH
                : pool.untrackedLeases() > 0 ? Verdict.Unseen.NOT_TRACKED : Verdict.Unseen.NONE;
        // read before and after the leases: a lease taken or returned meanwhile counts in only one of them
        int poolActive = before.active() < 0 || counters.active() < 0 ? -1 : Math.min(before.active(), counters.active());
        // with leases over maxLeases untracked, the difference would count them too: not shown then
        this.outSinceBeforeAttach = recording.poolsMayPredate() && pool.untrackedLeases() == 0
                && poolActive > leases.size() ? poolActive - leases.size() : 0;
        this.verdict = Verdict.of(maxConnections, poolActive, groups, leases, waiters, stats, leakThresholdNanos, unseen);
    }

    public static PoolState read(PoolHandle pool, Recording recording, long leakThresholdNanos) {
        return new PoolState(pool, recording, leakThresholdNanos);
    }

    /** Wall-clock time, in milliseconds, of a {@link System#nanoTime()} reading taken earlier. */
    public long wallMillis(long nanos) {
        return nowMillis - (nowNanos - nanos) / 1_000_000L;
    }
}
