package io.poolscope.report;

import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.RecordingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Decides when to write what: suspected leaks and their return, exhaustion dumps (at most one per
 * pool per cooldown), periodic dumps, dumps on demand and at shutdown. Application threads only
 * queue events here; the {@link Scanner} thread does the writing.
 */
public final class Reporter implements RecordingListener {

    private static final int MAX_QUEUED_EVENTS = 10_000;

    /** Per pool: when the last exhaustion dump was written and how many were held back since. */
    private static final class DumpState {
        volatile boolean timeoutPending;
        final java.util.concurrent.atomic.AtomicLong timeoutsSinceDump = new java.util.concurrent.atomic.AtomicLong();
        long lastExhaustionDumpNanos;
        boolean dumpedOnce;
        long lastSlowAcquireDumpNanos;
        boolean slowAcquireDumpedOnce;
        /** Timeouts not yet counted for the call sites that held connections meanwhile. */
        final java.util.concurrent.atomic.AtomicLong timeoutsToAttribute = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong createFailures = new java.util.concurrent.atomic.AtomicLong();
    }

    /** A line for the log and what the views are told with it, queued by an application thread. */
    private static final class Pending {
        final LogEvent line;
        final Consumer<PoolEvents> tell;

        Pending(LogEvent line, Consumer<PoolEvents> tell) {
            this.line = line;
            this.tell = tell;
        }
    }

    private final Recording recording;
    private final Log log;
    private volatile long leakThreshold;
    private volatile long dumpCooldown;
    private volatile long dumpInterval;
    private volatile long slowAcquire;
    private final Map<PoolHandle, DumpState> dumpStates = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> pendingLines = new ConcurrentLinkedQueue<>();
    private final List<PoolEvents> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<PoolHandle> newPools = new ConcurrentLinkedQueue<>();
    private final List<Consumer<PoolHandle>> poolAddedListeners = new ArrayList<>();
    private final List<Consumer<PoolHandle>> poolGoneListeners = new ArrayList<>();
    private volatile Runnable wakeUp = () -> { };
    private long lastIntervalDumpNanos = System.nanoTime();
    private long internalErrorsLogged;

    public Reporter(Recording recording, Log log, Options options) {
        this.recording = recording;
        this.log = log;
        this.leakThreshold = options.get(Option.LEAK_THRESHOLD);
        this.dumpCooldown = options.get(Option.DUMP_COOLDOWN);
        this.dumpInterval = options.get(Option.DUMP_INTERVAL);
        this.slowAcquire = options.get(Option.SLOW_ACQUIRE);
    }

    /** Called on the scanner thread when a pool is first seen (JMX registers it there). */
    public void onPoolAdded(Consumer<PoolHandle> listener) {
        poolAddedListeners.add(listener);
    }

    public void onPoolGone(Consumer<PoolHandle> listener) {
        poolGoneListeners.add(listener);
    }

    /** Told of leaks, exhaustion, slow acquires and creation failures, on the scanner thread. */
    public void onEvents(PoolEvents listener) {
        eventListeners.add(listener);
    }

    private void tell(Consumer<PoolEvents> event) {
        for (PoolEvents listener : eventListeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                recording.errors().record(e);
            }
        }
    }

    void wakeUpWith(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** Attached again: the options a running recording can take without starting over. */
    public void reconfigure(Options options) {
        this.leakThreshold = options.get(Option.LEAK_THRESHOLD);
        this.dumpCooldown = options.get(Option.DUMP_COOLDOWN);
        this.dumpInterval = options.get(Option.DUMP_INTERVAL);
        this.slowAcquire = options.get(Option.SLOW_ACQUIRE);
    }

    public long leakThresholdNanos() {
        return leakThreshold;
    }

    public long dumpCooldownNanos() {
        return dumpCooldown;
    }

    // ---- events from application threads: queue and wake the scanner ----

    @Override
    public void poolSeen(PoolHandle pool) {
        newPools.add(pool);
        wakeUp.run();
    }

    @Override
    public void timedOut(PoolHandle pool) {
        DumpState state = dumpStates.computeIfAbsent(pool, key -> new DumpState());
        state.timeoutsSinceDump.incrementAndGet();
        state.timeoutsToAttribute.incrementAndGet();
        if (!state.timeoutPending) {
            state.timeoutPending = true;
            wakeUp.run();
        }
    }

    @Override
    public void leakReturned(PoolHandle pool, LeaseView lease, long heldNanos, String releasedBy) {
        if (pendingCount.incrementAndGet() > MAX_QUEUED_EVENTS) {
            pendingCount.decrementAndGet();
            return;
        }
        pendingLines.add(new Pending(LogEvents.leakReturned(pool.name(), lease, heldNanos, releasedBy),
                events -> events.leakReturned(pool, lease, heldNanos, releasedBy)));
    }

    @Override
    public void connectionCreationFailed(PoolHandle pool) {
        DumpState state = dumpStates.computeIfAbsent(pool, key -> new DumpState());
        if (state.createFailures.getAndIncrement() == 0) {
            wakeUp.run();
        }
    }

    @Override
    public void leaseReclaimed(PoolHandle pool, LeaseView lease, long heldNanos) {
        if (pendingCount.incrementAndGet() > MAX_QUEUED_EVENTS) {
            pendingCount.decrementAndGet();
            return;
        }
        recording.resolveStack(pool, lease);
        pendingLines.add(new Pending(LogEvents.leaseReclaimed(pool.name(), lease, heldNanos), null));
    }

    // ---- work on the scanner thread ----

    /** One pass of the scanner. */
    void tick(long nowNanos) {
        for (PoolHandle pool; (pool = newPools.poll()) != null; ) {
            log.event(LogEvents.poolSeen(pool.name(), pool.library()));
            for (Consumer<PoolHandle> listener : poolAddedListeners) {
                listener.accept(pool);
            }
        }
        for (PoolHandle gone : recording.maintain(nowNanos)) {
            dumpStates.remove(gone);
            for (Consumer<PoolHandle> listener : poolGoneListeners) {
                listener.accept(gone);
            }
        }
        for (Pending pending; (pending = pendingLines.poll()) != null; ) {
            pendingCount.decrementAndGet();
            log.event(pending.line);
            if (pending.tell != null) {
                tell(pending.tell);
            }
        }
        attributeTimeouts(nowNanos);
        tellCreationFailures();
        if (leakThreshold > 0) {
            reportSuspectedLeaks(nowNanos);
        }
        writeExhaustionDumps(nowNanos);
        if (slowAcquire > 0) {
            writeSlowAcquireDumps(nowNanos);
        }
        if (dumpInterval > 0 && nowNanos - lastIntervalDumpNanos >= dumpInterval) {
            lastIntervalDumpNanos = nowNanos;
            for (PoolHandle pool : recording.pools()) {
                log.event(dumpEvent(pool, DumpReason.INTERVAL, 0, false));
            }
        }
        reportInternalErrors();
        tell(events -> events.tick(nowNanos));
    }

    /** The timeouts since the last pass count for every call site that holds a connection now. */
    private void attributeTimeouts(long nowNanos) {
        for (Map.Entry<PoolHandle, DumpState> entry : dumpStates.entrySet()) {
            long timeouts = entry.getValue().timeoutsToAttribute.getAndSet(0);
            if (timeouts == 0) {
                continue;
            }
            PoolHandle pool = entry.getKey();
            java.util.Set<String> sites = new java.util.HashSet<>();
            for (LeaseView lease : recording.leases(pool, nowNanos)) {
                sites.add(lease.stack().callSite());
            }
            for (String site : sites) {
                pool.callSites().timeoutsWhileHeld(site, timeouts);
            }
        }
    }

    private void tellCreationFailures() {
        for (Map.Entry<PoolHandle, DumpState> entry : dumpStates.entrySet()) {
            long failures = entry.getValue().createFailures.getAndSet(0);
            if (failures > 0) {
                PoolHandle pool = entry.getKey();
                io.poolscope.record.StatisticsView stats = pool.statistics();
                tell(events -> events.connectionCreationFailed(pool, failures, stats));
            }
        }
    }

    private void reportSuspectedLeaks(long nowNanos) {
        for (PoolHandle pool : recording.pools()) {
            for (LeaseView lease : recording.newSuspectedLeaks(pool, nowNanos, leakThreshold)) { // still out after marking
                log.event(LogEvents.suspectedLeak(pool.name(), lease));
                tell(events -> events.suspectedLeak(pool, lease));
            }
        }
    }

    private void writeExhaustionDumps(long nowNanos) {
        for (Map.Entry<PoolHandle, DumpState> entry : dumpStates.entrySet()) {
            DumpState state = entry.getValue();
            if (!state.timeoutPending) {
                continue;
            }
            state.timeoutPending = false;
            if (state.dumpedOnce && nowNanos - state.lastExhaustionDumpNanos < dumpCooldown) {
                continue; // the timeouts stay counted for the next dump
            }
            // the timeouts since the last dump, less the one this dump is for
            long heldBack = state.dumpedOnce ? Math.max(0, state.timeoutsSinceDump.getAndSet(0) - 1) : 0;
            if (!state.dumpedOnce) {
                state.timeoutsSinceDump.set(0);
            }
            PoolState dumped = PoolState.read(entry.getKey(), recording, leakThreshold);
            log.event(LogEvents.dump(dumped, DumpReason.EXHAUSTED, heldBack, true));
            tell(events -> events.exhausted(dumped, heldBack));
            state.dumpedOnce = true;
            state.lastExhaustionDumpNanos = nowNanos;
        }
    }

    /**
     * A thread waiting longer than {@code slowAcquire}: the pool is dumped while the wait goes on, so
     * a pool that waits forever shows its hang as a timeout would show it. At most one such dump per
     * pool per cooldown.
     */
    private void writeSlowAcquireDumps(long nowNanos) {
        for (PoolHandle pool : recording.pools()) {
            List<io.poolscope.record.WaiterView> waiters = recording.waiters(pool);
            if (waiters.isEmpty() || waiters.get(0).waitingNanos() < slowAcquire) {
                continue;
            }
            DumpState state = dumpStates.computeIfAbsent(pool, key -> new DumpState());
            if (state.slowAcquireDumpedOnce && nowNanos - state.lastSlowAcquireDumpNanos < dumpCooldown) {
                continue;
            }
            PoolState dumped = PoolState.read(pool, recording, leakThreshold);
            log.event(LogEvents.dump(dumped, DumpReason.SLOW_ACQUIRE, 0, true));
            long limit = slowAcquire;
            tell(events -> events.slowAcquire(dumped, limit));
            state.slowAcquireDumpedOnce = true;
            state.lastSlowAcquireDumpNanos = nowNanos;
        }
    }

    private void reportInternalErrors() {
        long errors = recording.errors().count();
        if (errors > internalErrorsLogged) {
            log.event(LogEvents.internalErrors(errors, String.valueOf(recording.errors().first())));
            internalErrorsLogged = errors;
        }
    }

    // ---- dumps anyone may ask for ----

    public String dump(PoolHandle pool, DumpReason reason, long suppressed) {
        return DumpFormatter.pool(PoolState.read(pool, recording, leakThreshold), reason, suppressed);
    }

    private LogEvent dumpEvent(PoolHandle pool, DumpReason reason, long suppressed, boolean warn) {
        return LogEvents.dump(PoolState.read(pool, recording, leakThreshold), reason, suppressed, warn);
    }

    /** {@code dumpToLog}: the dump of every pool written to the log; returns how many were written. */
    public int dumpAllToLog(DumpReason reason) {
        List<PoolHandle> pools = recording.pools();
        for (PoolHandle pool : pools) {
            log.event(dumpEvent(pool, reason, 0, false));
        }
        return pools.size();
    }

    /** Every pool, one after the other. */
    public String dumpAll(DumpReason reason) {
        StringBuilder out = new StringBuilder();
        List<PoolHandle> pools = recording.pools();
        if (pools.isEmpty()) {
            return "poolscope: no pool seen yet";
        }
        for (PoolHandle pool : pools) {
            out.append(out.length() == 0 ? "" : "\n").append(dump(pool, reason, 0));
        }
        return out.toString();
    }

    /** At JVM shutdown: a dump of each pool that still has connections out. */
    public void dumpAtShutdown() {
        long now = System.nanoTime();
        for (PoolHandle pool : recording.pools()) {
            if (!recording.leases(pool, now).isEmpty()) {
                log.event(dumpEvent(pool, DumpReason.SHUTDOWN, 0, true));
            }
        }
    }

    public Log log() {
        return log;
    }
}
