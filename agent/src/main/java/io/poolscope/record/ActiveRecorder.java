package io.poolscope.record;

import io.poolscope.bridge.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * The recorder behind the bridge once the agent is ready: the lease protocol of {@link Recorder}
 * over acquire frames ({@link AcquireFrames}) and lease slots ({@link LeaseTable}). Every method
 * runs on an application thread inside a pool call: it takes no lock shared by all threads,
 * allocates nothing on the common path, and never throws (failures are counted in
 * {@link InternalErrors}).
 *
 * <p>The hot path finds a pool's handle through the lease slot of the connection, never by the
 * pool object's identity (whose hash is slow once the pool's monitor is inflated): an acquire keeps
 * the raw pool object in its frame, and the lease compares it with the slot's pool.
 */
public final class ActiveRecorder implements Recorder {

    private final PoolRegistry pools;
    private final LeaseTable leases;
    private final AcquireFrames frames;
    /** Replaced when the stack mode changes at run time. */
    private volatile StackPolicy stacks;
    private final CallSites callSites;
    private final InternalErrors errors;
    /** Releases of keys poolscope never saw leased: connections out since before it started. */
    final LongAdder releasesOfUnknownLeases = new LongAdder();
    private volatile RecordingListener listener = RecordingListener.NONE;
    /** Option generic: data sources no adapter covers are tracked. */
    private final boolean generic;
    private volatile LeaseObserver observer = LeaseObserver.NONE;

    ActiveRecorder(PoolRegistry pools, LeaseTable leases, AcquireFrames frames, StackPolicy stacks,
                   CallSites callSites, InternalErrors errors) {
        this(pools, leases, frames, stacks, callSites, errors, false);
    }

    ActiveRecorder(PoolRegistry pools, LeaseTable leases, AcquireFrames frames, StackPolicy stacks,
                   CallSites callSites, InternalErrors errors, boolean generic) {
        this.generic = generic;
        this.pools = pools;
        this.leases = leases;
        this.frames = frames;
        this.stacks = stacks;
        this.callSites = callSites;
        this.errors = errors;
    }

    void stacks(StackPolicy policy) {
        this.stacks = policy;
    }

    void listener(RecordingListener listener) {
        this.listener = listener;
    }

    void observer(LeaseObserver observer) {
        this.observer = observer;
    }

    // ------------------------------------------------------------------ acquire frames

    @Override
    public Object acquireStart(Object pool) {
        try {
            if (pool == null) {
                return null;
            }
            AcquireFrame frame = frames.findOrClaim(Thread.currentThread());
            if (frame.genericPool != null) {
                frame.genericSuperseded = true; // a data source over this pool: the pool counts the acquire
            }
            if (frame.levels == AcquireFrame.MAX_LEVELS) {
                frame.overflowCalls++;
                return frame;
            }
            int top = frame.top();
            if (top >= 0 && frame.states[top] == AcquireFrame.RETRYING && frame.pools[top] == pool) {
                frame.calls++; // the pool closed a dead connection and borrows again: the same acquire
                frame.openedAtCall[top] = frame.calls;
                frame.setState(top, AcquireFrame.WAITING);
                return frame;
            }
            endStaleLevels(frame);
            top = frame.top();
            frame.calls++;
            if (top < 0 || frame.states[top] != AcquireFrame.WAITING || frame.pools[top] != pool) {
                frame.push(pool, System.nanoTime());
            }
            // else: the pool's acquire calls itself; the outer call's frame goes on
            return frame;
        } catch (Throwable error) {
            errors.record(error);
            return null;
        }
    }

    @Override
    public void acquireExit(Object token, Throwable thrown) {
        try {
            AcquireFrame frame = (AcquireFrame) token;
            int level = exitCall(frame);
            if (level >= 0) {
                if (thrown == null) {
                    frame.setState(level, AcquireFrame.PENDING); // the lease follows later on this thread
                } else {
                    endFailedLevel(frame, level, thrown);
                }
            }
            frames.releaseIfEmpty(frame);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void acquireTimedOut(Object token) {
        try {
            AcquireFrame frame = (AcquireFrame) token;
            int level = exitCall(frame);
            if (level >= 0) {
                endTimedOutLevel(frame, level);
            }
            frames.releaseIfEmpty(frame);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void timeoutRaised(Object pool) {
        try {
            AcquireFrame frame = frames.find(Thread.currentThread());
            int level = frame == null ? -1 : frame.levelOf(pool);
            if (level < 0) {
                return; // ended already, by the borrow that returned nothing
            }
            endLevelsAbove(frame, level);
            endTimedOutLevel(frame, level);
            frames.releaseIfEmpty(frame);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /**
     * Ends a hooked acquire call; returns the level that call opened (still waiting), or -1 when
     * it was a nested call or its level ended already (by a lease inside the call). Levels opened
     * by deeper calls that exited without a lease are stale and end as failed.
     */
    private int exitCall(AcquireFrame frame) {
        if (frame.overflowCalls > 0) {
            frame.overflowCalls--;
            return -1;
        }
        int call = frame.calls;
        frame.calls = Math.max(0, call - 1);
        while (frame.levels > 0 && frame.openedAtCall[frame.top()] > call) {
            endStaleLevel(frame);
        }
        int top = frame.top();
        if (top >= 0 && frame.openedAtCall[top] == call && frame.states[top] == AcquireFrame.WAITING) {
            return top;
        }
        return -1;
    }

    /** Pending levels on top (their call returned, no lease came): found stale, they end as failed. */
    private void endStaleLevels(AcquireFrame frame) {
        while (frame.levels > 0 && frame.states[frame.top()] != AcquireFrame.WAITING) {
            endStaleLevel(frame);
        }
    }

    private void endLevelsAbove(AcquireFrame frame, int level) {
        while (frame.top() > level) {
            endStaleLevel(frame);
        }
    }

    // a stale level lends its start to nothing: a failure without a wait
    private void endStaleLevel(AcquireFrame frame) {
        PoolHandle handle = pools.handleFor(frame.pools[frame.top()]);
        frame.pop();
        if (handle != null) {
            handle.stats.failed(-1);
        }
    }

    private void endFailedLevel(AcquireFrame frame, int level, Throwable thrown) {
        long now = System.nanoTime();
        PoolHandle handle = pools.handleFor(frame.pools[level]);
        long wait = now - frame.starts[level];
        frame.pop();
        if (handle == null) {
            return;
        }
        if (handle.introspector().isTimeout(thrown)) {
            timedOut(handle, wait, now);
        } else {
            handle.stats.failed(wait);
        }
    }

    private void endTimedOutLevel(AcquireFrame frame, int level) {
        long now = System.nanoTime();
        PoolHandle handle = pools.handleFor(frame.pools[level]);
        long wait = now - frame.starts[level];
        frame.pop();
        if (handle != null) {
            timedOut(handle, wait, now);
        }
    }

    private void timedOut(PoolHandle handle, long wait, long now) {
        handle.stats.timedOut(wait, now);
        handle.notePressure(now);
        listener.timedOut(handle);
        observer.timedOut(handle, wait);
    }

    // ------------------------------------------------------------------ leases

    @Override
    public void leased(Object pool, Object connectionKey) {
        lease(pool, connectionKey, false);
    }

    @Override
    public void leasedOnce(Object pool, Object connectionKey) {
        lease(pool, connectionKey, true);
    }

    private void lease(Object pool, Object connectionKey, boolean once) {
        try {
            Thread thread = Thread.currentThread();
            AcquireFrame frame = frames.find(thread);
            if (frame != null && frame.genericPool != null) {
                frame.genericSuperseded = true;
            }
            int level = frame == null ? -1 : pool == null ? frame.top() : frame.levelOf(pool);
            Object rawPool = level >= 0 ? frame.pools[level] : pool;
            if (rawPool == null) {
                return; // handed out outside an acquire poolscope saw (it started before poolscope)
            }
            long now = System.nanoTime();
            long wait = 0L; // a lease outside an acquire poolscope saw: it was under way at attach
            int stripe;
            int draw;
            if (level >= 0) {
                wait = now - frame.starts[level];
                stripe = frame.stripe;
                draw = ++frame.sampleCounter; // read and written before the frame is given back
                endLevelsAbove(frame, level);
                frame.pop();
                frames.releaseIfEmpty(frame);
            } else {
                stripe = StripedHistogram.currentStripe();
                draw = StackPolicy.RANDOM_DRAW;
            }
            LeaseSlot slot = leases.get(connectionKey);
            PoolHandle handle = slot != null && slot.pool != null && slot.pool.isFor(rawPool)
                    ? slot.pool : pools.handleFor(rawPool);
            if (handle == null) {
                return; // a pool no adapter knows
            }
            handle.stats.leaseWaits.recordNanos(stripe, wait);
            StackPolicy stacks = this.stacks;
            observer.acquired(handle, wait);
            begin(handle, slot, connectionKey, once, thread, now, wait, stacks.capture(handle, draw));
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /** Starts the lease of {@code connectionKey} in {@code slot} (its current one, or {@code null}). */
    private void begin(PoolHandle handle, LeaseSlot slot, Object connectionKey, boolean once, Thread thread, long now,
                       long wait, Object rawStack) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (slot == null || slot.pool != handle) {
                slot = leases.create(connectionKey, handle, once);
                if (slot == LeaseTable.UNTRACKED) {
                    return;
                }
            }
            int begun = slot.begin(thread, now, wait, rawStack);
            if (begun == LeaseSlot.BEGUN) {
                stacks.leaseBegan(handle);
                return;
            }
            if (begun == LeaseSlot.BEGUN_OVER_UNSEEN_END) {
                handle.stats.endedUnseen.increment();
                return;
            }
            leases.remove(connectionKey, slot); // closed meanwhile by another thread: a new slot for the new lease
            slot = null;
        }
        handle.untracked.increment(); // closed again and again while being leased: counted, not listed
    }

    @Override
    public void released(Object connectionKey) {
        try {
            Thread thread = Thread.currentThread();
            AcquireFrame frame = frames.find(thread);
            int stripe = frame == null ? StripedHistogram.currentStripe() : frame.stripe;
            if (frame != null) {
                endStaleLevels(frame); // a thread returning a connection is in no acquire of its own
                frames.releaseIfEmpty(frame);
            }
            LeaseSlot slot = leases.get(connectionKey);
            if (slot == null) {
                releasesOfUnknownLeases.increment(); // leased before poolscope started
                return;
            }
            end(slot, connectionKey, thread, stripe);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /** The application returned the lease of {@code slot}. */
    private void end(LeaseSlot slot, Object connectionKey, Thread thread, int stripe) {
        long ended = slot.end(System.nanoTime());
        if (ended < 0) {
            return; // returned twice, or ended meanwhile by the pool (closed, reclaimed)
        }
        PoolHandle handle = slot.pool;
        long held = LeaseSlot.heldNanos(ended);
        stacks.leaseEnded(handle);
        handle.stats.holds.recordNanos(stripe, held);
        observer.released(handle, held);
        if (slot.once) {
            leases.remove(connectionKey, slot);
        }
        if (held >= CallSiteStatistics.LONG_LEASE_NANOS) { // the rare path: counted for its call site
            handle.longLeaseEnded(slot.takeEndedStack(), held, callSites);
        }
        if ((ended & LeaseSlot.WAS_REPORTED) != 0) { // the rare path: a logged leak comes back
            listener.leakReturned(handle, slot.endedReport(), held, thread.getName());
        }
    }

    @Override
    public void closed(Object connectionKey) {
        try {
            LeaseSlot slot = leases.get(connectionKey);
            AcquireFrame frame = frames.find(Thread.currentThread());
            if (frame != null && frame.levels > 0 && frame.states[frame.top()] == AcquireFrame.PENDING
                    && (slot == null || slot.pool.isFor(frame.pools[frame.top()]))) {
                frame.setState(frame.top(), AcquireFrame.RETRYING); // closing what it just borrowed: it borrows again
            }
            if (slot != null && slot.retire(System.nanoTime()) >= 0) {
                stacks.leaseEnded(slot.pool);
                slot.pool.stats.closedWhileOut.increment();
            }
            // the retired slot stays until its key is collected: the holder's late close finds it and is ignored
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void reclaimed(Object connectionKey) {
        try {
            LeaseSlot slot = leases.get(connectionKey);
            if (slot == null) {
                return;
            }
            long now = System.nanoTime();
            LeaseView lease = slot.read(now);
            long ended = slot.end(now);
            if (ended < 0) {
                return;
            }
            long held = LeaseSlot.heldNanos(ended);
            stacks.leaseEnded(slot.pool);
            slot.pool.stats.reclaimed.increment();
            if (held >= CallSiteStatistics.LONG_LEASE_NANOS) {
                slot.pool.longLeaseEnded(slot.takeEndedStack(), held, callSites);
            }
            if (slot.once) {
                leases.remove(connectionKey, slot);
            }
            if (lease != null) {
                listener.leaseReclaimed(slot.pool, lease, held);
            }
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    // ------------------------------------------------------------------ creation

    @Override
    public long createStart(Object pool) {
        try {
            // a data source called now opens it for the pool; a thread opening one is not short of connections
            frames.findOrClaim(Thread.currentThread()).openingConnection();
        } catch (Throwable error) {
            errors.record(error);
        }
        return System.nanoTime();
    }

    @Override
    public void createEnd(Object pool, long startNanos, Throwable thrown) {
        try {
            connectionOpened();
            PoolHandle handle = pools.handleFor(pool != null ? pool : acquiringPool());
            if (handle == null) {
                return;
            }
            long took = System.nanoTime() - startNanos;
            if (thrown == null) {
                handle.stats.created(took);
            } else {
                handle.stats.createFailed(thrown);
                listener.connectionCreationFailed(handle);
                observer.createFailed(handle, took, thrown);
            }
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void createSkipped(Object pool) {
        try {
            connectionOpened();
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /** The current thread's opening of a connection ended, whatever its outcome. */
    private void connectionOpened() {
        AcquireFrame frame = frames.find(Thread.currentThread());
        if (frame != null && frame.creating > 0) {
            frame.creating--;
            frames.releaseIfEmpty(frame);
        }
    }

    // ------------------------------------------------------------------ the generic fallback

    @Override
    public Object genericAcquireStart(Object dataSource) {
        try {
            if (!generic || dataSource == null) {
                return null;
            }
            Thread thread = Thread.currentThread();
            AcquireFrame frame = frames.find(thread);
            if (frame != null && (frame.genericPool != null || frame.levels > 0 || frame.calls > 0 || frame.creating > 0)) {
                return null; // inside another data source's call, a pool's acquire, or a pool opening a connection
            }
            if (frame == null) {
                frame = frames.findOrClaim(thread);
            }
            frame.genericStart = System.nanoTime();
            frame.genericSuperseded = false;
            frame.genericPool = dataSource;
            return frame;
        } catch (Throwable error) {
            errors.record(error);
            return null;
        }
    }

    @Override
    public void genericAcquireExit(Object token, Object connection, Throwable thrown) {
        try {
            AcquireFrame frame = (AcquireFrame) token;
            Object dataSource = frame.genericPool;
            if (dataSource == null) {
                return;
            }
            boolean superseded = frame.genericSuperseded;
            long start = frame.genericStart;
            int stripe = frame.stripe;
            int draw = ++frame.sampleCounter;
            frame.genericPool = null;
            frame.genericSuperseded = false;
            frames.releaseIfEmpty(frame);
            if (superseded) {
                return; // a pool's acquire ran inside: that pool counted it
            }
            PoolHandle handle = pools.handleFor(dataSource);
            if (handle == null) {
                return;
            }
            long now = System.nanoTime();
            long wait = now - start;
            if (thrown != null || connection == null) {
                if (thrown != null && handle.introspector().isTimeout(thrown)) {
                    timedOut(handle, wait, now);
                } else {
                    handle.stats.failed(wait);
                }
                return;
            }
            handle.stats.leaseWaits.recordNanos(stripe, wait);
            observer.acquired(handle, wait);
            begin(handle, leases.get(connection), connection, true, Thread.currentThread(), now, wait,
                    stacks.capture(handle, draw));
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    @Override
    public void genericReleased(Object connection) {
        try {
            LeaseSlot slot = leases.get(connection);
            if (slot == null) {
                return; // every connection's close() comes here: most were never leased by the fallback
            }
            Thread thread = Thread.currentThread();
            AcquireFrame frame = frames.find(thread);
            end(slot, connection, thread, frame == null ? StripedHistogram.currentStripe() : frame.stripe);
        } catch (Throwable error) {
            errors.record(error);
        }
    }

    /** The raw pool of this thread's innermost acquire still waiting, or {@code null}. */
    private Object acquiringPool() {
        AcquireFrame frame = frames.find(Thread.currentThread());
        if (frame == null || frame.levels == 0) {
            return null;
        }
        int top = frame.top();
        return frame.states[top] == AcquireFrame.WAITING ? frame.pools[top] : null;
    }

    // ------------------------------------------------------------------ for the scanner

    /** Acquires left open by threads that ended: each ends as failed. */
    void expungeDeadThreads() {
        frames.expungeDeadOwners(rawPool -> {
            PoolHandle handle = pools.handleFor(rawPool);
            if (handle != null) {
                handle.stats.failed(-1);
            }
        });
    }
}
