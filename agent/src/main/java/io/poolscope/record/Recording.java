package io.poolscope.record;

import io.poolscope.config.Option;
import io.poolscope.config.Options;
import io.poolscope.config.StackMode;
import io.poolscope.pools.PoolIntrospector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The recording as a whole: the recorder the bridge calls, and what reports and views read. Owns
 * the pool registry, the per-thread states and the interned stacks.
 */
public final class Recording {

    /** Raw stacks of leases younger than this are left alone: most leases end long before. */
    private static final long INTERN_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How long a thread must have been in the acquire method to count as waiting: waits in an
     * exhausted pool last seconds; a thread preempted or paused by the collector for a few
     * milliseconds on a busy but healthy pool does not count.
     */
    static final long WAITING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Threads inside an acquire at once that have a frame made in advance; more spill into a map. */
    private static final int FRAMES = 1024;

    private final PoolRegistry pools;
    private final AcquireFrames frames = new AcquireFrames(FRAMES);
    private final CallSites callSites;
    private final InternalErrors errors = new InternalErrors();
    private final ActiveRecorder recorder;
    private StackMode stackMode;
    private int sampleRate;
    /** Set when the stack mode changed: the scanner recounts the leases out that stacks=auto counts. */
    private volatile boolean recountLiveLeases;
    private volatile LeaseObserver observer = LeaseObserver.NONE;

    private volatile boolean poolsMayPredate;

    /**
     * The recording started in a JVM whose pools may already have had connections out (attached to a
     * running JVM, or attached again after {@code off}): the pool's own count of connections out, less
     * the leases recorded, is then what was taken before.
     */
    public void poolsMayPredateRecording() {
        poolsMayPredate = true;
    }

    public boolean poolsMayPredate() {
        return poolsMayPredate;
    }

    public Recording(Options options, Function<Class<?>, PoolIntrospector> introspectors) {
        LeaseTable leases = new LeaseTable(options.get(Option.MAX_LEASES));
        this.pools = new PoolRegistry(introspectors, leases, options.get(Option.MAX_CALL_SITES));
        this.callSites = new CallSites(options.get(Option.MAX_CALL_SITES), options.get(Option.MAX_STACK_DEPTH),
                FrameClassifier.of(options));
        this.stackMode = options.get(Option.STACKS);
        this.sampleRate = options.get(Option.SAMPLE_RATE);
        this.recorder = new ActiveRecorder(pools, leases, frames, new StackPolicy(stackMode, sampleRate), callSites, errors,
                options.get(Option.GENERIC));
    }

    /**
     * Takes stacks as {@code mode} and {@code rate} say from the next lease on; the leases out keep
     * what they have. Returns whether anything changed.
     */
    public synchronized boolean stacks(StackMode mode, int rate) {
        if (mode == stackMode && rate == sampleRate) {
            return false;
        }
        stackMode = mode;
        sampleRate = rate;
        recorder.stacks(new StackPolicy(mode, rate));
        recountLiveLeases = true;
        return true;
    }

    public synchronized StackMode stackMode() {
        return stackMode;
    }

    /**
     * Statistics start again from now, for every pool: counters, percentiles and call-site figures
     * (the connections out count as taken now). Leases, waiters and internal errors are not touched.
     */
    public void resetStatistics() {
        long now = System.nanoTime();
        for (PoolHandle pool : pools.pools()) {
            pool.stats.reset(now);
            pool.callSiteStats.reset();
        }
    }

    public ActiveRecorder recorder() {
        return recorder;
    }

    public void listener(RecordingListener listener) {
        pools.listener(listener);
        recorder.listener(listener);
    }

    /** The view that sees each lease's moments (set before the recorder is installed). */
    public void observer(LeaseObserver observer) {
        this.observer = observer;
        recorder.observer(observer);
    }

    public List<PoolHandle> pools() {
        return pools.pools();
    }

    public InternalErrors errors() {
        return errors;
    }

    public CallSites callSites() {
        return callSites;
    }

    /** Resolves the acquisition stack of {@code lease} (a raw trace is interned). */
    public void resolveStack(PoolHandle pool, LeaseView lease) {
        lease.resolveStack(pool.resolve(lease, callSites));
    }

    public List<LeaseView> leases(PoolHandle pool, long nowNanos) {
        return pool.leases(nowNanos, callSites);
    }

    /**
     * The threads that have been in {@code pool}'s acquire method for at least
     * {@link #WAITING_NANOS}, longest first. A busy, healthy pool always has a few threads inside
     * the method for a few microseconds, and they are not waiting.
     */
    public List<WaiterView> waiters(PoolHandle pool) {
        List<WaiterView> waiters = new ArrayList<>();
        frames.forEachOwned((thread, frame) -> {
            Object waitingOn = frame.waitingOn();
            if (waitingOn != null && pool.isFor(waitingOn)) {
                long waiting = System.nanoTime() - frame.waitingSince(); // read after the pool it belongs to
                if (waiting >= WAITING_NANOS) {
                    waiters.add(new WaiterView(thread, waiting, frame.waitsForItsOwnConnection()));
                }
            }
        });
        waiters.sort((a, b) -> Long.compare(b.waitingNanos(), a.waitingNanos()));
        return waiters;
    }

    /** Threads that hold an acquire frame now (an acquire, or a connection opening, under way). */
    int framesOwned() {
        int[] owned = {0};
        frames.forEachOwned((thread, frame) -> owned[0]++);
        return owned[0];
    }

    /** Releases of connections poolscope never saw leased (out since before it started). */
    public long releasesOfUnknownLeases() {
        return recorder.releasesOfUnknownLeases.sum();
    }

    /** Acquires whose frame spilled out of the table (too many threads acquiring at once). */
    public long acquireFrameSpills() {
        return frames.spills.sum();
    }

    /**
     * Leases of {@code pool} older than {@code thresholdNanos} not reported before; marks them
     * reported. Their stacks are resolved.
     */
    public List<LeaseView> newSuspectedLeaks(PoolHandle pool, long nowNanos, long thresholdNanos) {
        List<LeaseView> found = new ArrayList<>();
        for (LeaseSlot slot : pool.slotsForScan()) {
            LeaseView lease = slot.read(nowNanos); // raw: only the leases past the threshold get their stack resolved
            if (lease == null || lease.ageNanos() < thresholdNanos || lease.leakReported()) {
                continue;
            }
            if (slot.markLeakReported(lease.leaseNumber())) { // still out when marked: its end will say "returned"
                lease.resolveStack(pool.resolve(lease, callSites));
                pool.stats.suspectedLeaks.increment();
                found.add(lease);
                try {
                    observer.suspectedLeak(pool, lease);
                } catch (Throwable error) {
                    errors.record(error);
                }
            }
        }
        found.sort((a, b) -> Long.compare(b.ageNanos(), a.ageNanos()));
        return found;
    }

    /**
     * Housekeeping, called by the scanner a few times a second: forgets what was collected, moves
     * the recent-window statistics on, interns the stacks of leases that lived long enough to
     * matter, and updates each pool's pressure. Returns the pools that were collected.
     */
    public List<PoolHandle> maintain(long nowNanos) {
        List<PoolHandle> gone = pools.expungeStale();
        boolean recount = recountLiveLeases;
        recountLiveLeases = false;
        recorder.expungeDeadThreads();
        // an acquire finds no pool handle (it costs an identity lookup): a pool seen so far only by its waiters is found here
        frames.forEachOwned((thread, frame) -> {
            Object waitingOn = frame.waitingOn();
            if (waitingOn != null) {
                pools.handleFor(waitingOn);
            }
        });
        for (PoolHandle pool : pools.pools()) {
            pool.stats.tick(nowNanos);
            int active = updatePressure(pool, nowNanos);
            if (recount) { // leases begun under another mode were not counted: close enough, once
                pool.liveLeases.add(active - pool.liveLeases.sum());
            }
        }
        return gone;
    }

    /**
     * Whether threads wait for {@code pool} while connections are out. A thread that waits with
     * nothing out, or while it opens a connection itself, waits for the database (a pool's first
     * acquire, a pool that opens connections on demand, a slow server): a slow acquire, which
     * turning on every lease's stack would not explain.
     */
    private boolean isShortOfConnections(PoolHandle pool, int leasesOut) {
        boolean waitsForAConnection = false;
        for (WaiterView waiter : waiters(pool)) {
            waitsForAConnection |= !waiter.isOpeningConnection();
        }
        // the pool's own count covers connections taken before poolscope started
        return waitsForAConnection && (leasesOut > 0 || pool.counters().active() > 0);
    }

    /** Returns the leases out. */
    private int updatePressure(PoolHandle pool, long nowNanos) {
        int active = 0;
        boolean oldLease = false;
        for (LeaseSlot slot : pool.slotsForScan()) {
            LeaseView lease = slot.read(nowNanos);
            if (lease == null) {
                continue;
            }
            active++;
            if (lease.ageNanos() >= INTERN_AFTER_NANOS && lease.rawStack() instanceof Throwable) {
                pool.resolve(lease, callSites);
            }
            oldLease |= lease.leakReported();
        }
        int max = pool.maxConnections();
        boolean busy = max > 0 && active * 2 > max; // more than half the pool out
        if (busy || oldLease || isShortOfConnections(pool, active)) {
            pool.notePressure(nowNanos);
        } else {
            pool.relaxPressure(nowNanos);
        }
        return active;
    }
}
