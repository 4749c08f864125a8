package io.poolscope.record;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything poolscope records about one pool instance: statistics, pressure, and (through the
 * shared {@link LeaseTable}) its leases. Found from a lease slot on the hot path, and by the pool
 * object's identity only when a pool, a connection or a rare outcome is first seen; holds the pool
 * weakly.
 */
public final class PoolHandle {

    /**
     * A pool stays "under pressure" (every lease keeps its stack in stacks=auto) this long after the
     * last sign: a timeout, threads seen waiting by the scanner, half the pool out, a suspected leak.
     * A single slow acquire is no sign: a GC pause or a busy CPU makes those on a healthy pool.
     */
    private static final long PRESSURE_HOLD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final WeakReference<Object> pool;
    private final String name;
    private final PoolIntrospector introspector;
    private final LeaseTable leaseTable;
    final PoolStatistics stats;
    final CallSiteStatistics callSiteStats;
    /** Slots this pool has in the lease table (recounted by the scanner). */
    final AtomicInteger trackedSlots = new AtomicInteger();
    /** Leases not tracked because the pool had {@code maxLeases} slots already. */
    final LongAdder untracked = new LongAdder();
    private volatile boolean underPressure;
    private volatile long lastPressureNanos;
    /** Leases out now; kept only in stacks=auto, where "half the pool is out" turns on every stack. */
    final LongAdder liveLeases = new LongAdder();
    private volatile int cachedMax;

    PoolHandle(Object pool, String name, PoolIntrospector introspector, LeaseTable leaseTable, int maxCallSites) {
        this.callSiteStats = new CallSiteStatistics(maxCallSites);
        this.pool = new WeakReference<>(pool);
        this.name = name;
        this.introspector = introspector;
        this.leaseTable = leaseTable;
        this.stats = new PoolStatistics(StripedHistogram.defaultStripes());
        this.cachedMax = introspector.maxConnections(pool);
        this.lastPressureNanos = System.nanoTime() - PRESSURE_HOLD_NANOS;
    }

    public String name() {
        return name;
    }

    public String library() {
        return introspector.library();
    }

    /** Whether this is the handle of {@code candidate}. */
    boolean isFor(Object candidate) {
        return pool.get() == candidate;
    }

    /** Whether the pool object was collected. */
    public boolean isGone() {
        return pool.get() == null;
    }

    PoolIntrospector introspector() {
        return introspector;
    }

    boolean isUnderPressure() {
        return underPressure;
    }

    /**
     * Whether, with the lease being taken, more than half the pool is out (from {@link #liveLeases},
     * so only meaningful in stacks=auto).
     */
    boolean isHalfOut() {
        int max = cachedMax;
        return max > 0 && (liveLeases.sum() + 1) * 2 > max;
    }

    /** A sign of pressure. */
    void notePressure(long nowNanos) {
        lastPressureNanos = nowNanos;
        underPressure = true;
    }

    /** Called by the scanner: pressure ends once no confirmed sign of it was seen for a while. */
    void relaxPressure(long nowNanos) {
        if (underPressure && nowNanos - lastPressureNanos > PRESSURE_HOLD_NANOS) {
            underPressure = false;
        }
    }


    /** The live leases, oldest first, with their stacks resolved. */
    public List<LeaseView> leases(long nowNanos, CallSites callSites) {
        List<LeaseView> leases = new ArrayList<>();
        for (LeaseSlot slot : slotsForScan()) {
            LeaseView lease = slot.read(nowNanos);
            if (lease != null) {
                lease.resolveStack(resolve(lease, callSites));
                leases.add(lease);
            }
        }
        leases.sort((a, b) -> Long.compare(b.ageNanos(), a.ageNanos()));
        return leases;
    }

    /** Interns a raw trace (and stores the interned stack in the slot, dropping the trace). */
    AcquisitionStack resolve(LeaseView lease, CallSites callSites) {
        Object raw = lease.rawStack();
        AcquisitionStack stack = resolveRaw(raw, callSites);
        if (raw instanceof Throwable) {
            lease.slot().internStack(raw, stack);
        }
        return stack;
    }

    private AcquisitionStack resolveRaw(Object raw, CallSites callSites) {
        if (raw instanceof AcquisitionStack) {
            return (AcquisitionStack) raw;
        }
        if (raw instanceof Throwable) {
            return callSites.intern((Throwable) raw, introspector.framePrefixes());
        }
        return AcquisitionStack.NOT_CAPTURED;
    }

    /** A lease held {@code heldNanos} (long enough to count for its call site) ended; on the thread that ended it. */
    void longLeaseEnded(Object rawStack, long heldNanos, CallSites callSites) {
        callSiteStats.longLeaseEnded(resolveRaw(rawStack, callSites).callSite(), heldNanos);
    }

    /** The figures of this pool's call sites since start or the last reset. */
    public CallSiteStatistics callSites() {
        return callSiteStats;
    }

    List<LeaseSlot> slotsForScan() {
        return leaseTable.slotsOf(this);
    }

    /** Leases not tracked because {@code maxLeases} connections were tracked already (each such lease counts). */
    public long untrackedLeases() {
        return untracked.sum();
    }

    public Map<String, String> settings() {
        Object target = pool.get();
        return target == null ? Collections.emptyMap() : introspector.settings(target);
    }

    public PoolCounters counters() {
        Object target = pool.get();
        return target == null ? PoolCounters.UNKNOWN : introspector.counters(target);
    }

    /** How long the pool lets an acquire wait, in ms, read from the pool now; see {@link PoolIntrospector#acquireTimeoutMillis}. */
    public long acquireTimeoutMillis() {
        Object target = pool.get();
        return target == null ? PoolIntrospector.TIMEOUT_UNKNOWN : introspector.acquireTimeoutMillis(target);
    }

    /** Package prefixes of the pool library's classes. */
    public List<String> framePrefixes() {
        return introspector.framePrefixes();
    }

    /** The pool's maximum size, read from the pool now (-1 if unknown). */
    public int maxConnections() {
        Object target = pool.get();
        int max = target == null ? -1 : introspector.maxConnections(target);
        cachedMax = max;
        return max;
    }

    public StatisticsView statistics() {
        return stats.view();
    }
}
