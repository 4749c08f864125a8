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
    }

    private final Recording recording;
    private final Log log;
    private volatile long leakThreshold;
    private volatile long dumpCooldown;
    private volatile long dumpInterval;
    private volatile long slowAcquire;
    private final Map<PoolHandle, DumpState> dumpStates = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<LogEvent> pendingLines = new ConcurrentLinkedQueue<>();
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
        pendingLines.add(LogEvents.leakReturned(pool.name(), lease, heldNanos, releasedBy));
    }

    @Override
    public void leaseReclaimed(PoolHandle pool, LeaseView lease, long heldNanos) {
        if (pendingCount.incrementAndGet() > MAX_QUEUED_EVENTS) {
            pendingCount.decrementAndGet();
            return;
        }
        recording.resolveStack(pool, lease);
        pendingLines.add(LogEvents.leaseReclaimed(pool.name(), lease, heldNanos));
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
        for (LogEvent line; (line = pendingLines.poll()) != null; ) {
            pendingCount.decrementAndGet();
            log.event(line);
        }
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
    }

    private void reportSuspectedLeaks(long nowNanos) {
        for (PoolHandle pool : recording.pools()) {
            for (LeaseView lease : recording.newSuspectedLeaks(pool, nowNanos, leakThreshold)) { // still out after marking
                log.event(LogEvents.suspectedLeak(pool.name(), lease));
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
            log.event(dumpEvent(entry.getKey(), DumpReason.EXHAUSTED, heldBack, true));
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
            log.event(dumpEvent(pool, DumpReason.SLOW_ACQUIRE, 0, true));
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
