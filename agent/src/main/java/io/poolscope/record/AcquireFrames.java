package io.poolscope.record;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The acquire frames of the threads inside an acquire now: a fixed table of owner slots, claimed
 * with a compare-and-set when a thread opens its first level and released when its last level
 * ends, each with a frame made when the table is. Nothing is kept per thread beyond that, so a
 * thread's first lease allocates nothing, and a million short-lived (virtual) threads cost nothing
 * once they are done.
 *
 * <p>A thread looks for its own slot among {@link #PROBES} slots from a home slot chosen by its
 * id. When all of those are taken by other threads (hundreds of threads acquiring at once, in an
 * exhausted pool), its frame spills into a map: correct, but it allocates, which is what an
 * exhausted pool can afford.
 */
final class AcquireFrames {

    static final int PROBES = 8;
    /** Holds a dead owner's slot while the scanner clears its frame; never started, never an owner. */
    private static final Thread REAPER = new Thread("poolscope-frame-reaper");

    private final AtomicReferenceArray<Thread> owners;
    private final AcquireFrame[] frames;
    private final int mask;
    /** Frames beyond the table; changed under {@link #spillLock}, read without it. */
    private volatile Map<Thread, AcquireFrame> spilled = new ConcurrentHashMap<>();
    private final AtomicInteger spilledCount = new AtomicInteger();
    private final Object spillLock = new Object();
    private long spillsAtLastReset; // guarded by spillLock
    /** Frames that spilled out of the table. */
    final LongAdder spills = new LongAdder();

    AcquireFrames(int size) {
        int capacity = Integer.highestOneBit(Math.max(PROBES, size - 1) << 1);
        this.owners = new AtomicReferenceArray<>(capacity);
        this.frames = new AcquireFrame[capacity];
        for (int i = 0; i < capacity; i++) {
            frames[i] = new AcquireFrame(i);
        }
        this.mask = capacity - 1;
    }

    private int home(Thread thread) {
        long mixed = thread.getId() * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & mask;
    }

    /** The frame the current thread owns, or {@code null}: the common case outside an acquire. */
    AcquireFrame find(Thread thread) {
        int home = home(thread);
        for (int i = 0; i < PROBES; i++) {
            int index = (home + i) & mask;
            if (owners.get(index) == thread) {
                return frames[index];
            }
        }
        return spilledCount.get() == 0 ? null : spilled.get(thread);
    }

    /** The current thread's frame, claiming a free one if it has none. */
    AcquireFrame findOrClaim(Thread thread) {
        AcquireFrame own = find(thread);
        if (own != null) {
            return own;
        }
        int home = home(thread);
        for (int i = 0; i < PROBES; i++) {
            int index = (home + i) & mask;
            if (owners.get(index) == null && owners.compareAndSet(index, null, thread)) {
                AcquireFrame frame = frames[index];
                frame.reset(thread, StripedHistogram.currentStripe());
                return frame;
            }
        }
        AcquireFrame frame = new AcquireFrame(-1);
        frame.reset(thread, StripedHistogram.currentStripe());
        synchronized (spillLock) { // the rare path: hundreds of threads inside an acquire
            spilledCount.incrementAndGet();
            spilled.put(thread, frame);
        }
        spills.increment();
        return frame;
    }

    /** Gives the frame back once it has no level and no call open. */
    void releaseIfEmpty(AcquireFrame frame) {
        if (!frame.isEmpty()) {
            return;
        }
        Thread owner = frame.owner;
        frame.owner = null; // a thread that ended must not be kept (nor its context class loader)
        if (frame.index >= 0) {
            owners.lazySet(frame.index, null); // a claim may see it taken a little longer: no fence needed
        } else {
            synchronized (spillLock) {
                if (spilled.remove(owner) != null) {
                    spilledCount.decrementAndGet();
                }
            }
        }
    }

    /** The frames owned now, for the scanner (read racily: an owner may come or go meanwhile). */
    void forEachOwned(BiConsumer<Thread, AcquireFrame> action) {
        for (int i = 0; i <= mask; i++) {
            Thread owner = owners.get(i);
            if (owner != null && owner != REAPER) {
                action.accept(owner, frames[i]);
            }
        }
        spilled.forEach(action);
    }

    /**
     * Frees the frames of threads that ended with an acquire open (a frame the pool never ended);
     * {@code openAcquire} is told the raw pool of each such level, which no thread writes any more.
     * Called by the scanner.
     */
    void expungeDeadOwners(Consumer<Object> openAcquire) {
        for (int i = 0; i <= mask; i++) {
            Thread owner = owners.get(i);
            // the slot is the dead owner's until the reaper holds it: only then is the frame read and cleared
            if (owner != null && owner != REAPER && !owner.isAlive() && owners.compareAndSet(i, owner, REAPER)) {
                frames[i].abandon(openAcquire);
                owners.set(i, null);
            }
        }
        synchronized (spillLock) {
            spilled.forEach((owner, frame) -> {
                if (!owner.isAlive() && spilled.remove(owner, frame)) {
                    spilledCount.decrementAndGet();
                    frame.abandon(openAcquire);
                }
            });
            long spillsNow = spills.sum();
            if (spilledCount.get() == 0 && spillsNow != spillsAtLastReset) {
                spilled = new ConcurrentHashMap<>(); // a map grown for a crowd does not shrink: drop it once empty
                spillsAtLastReset = spillsNow;
            }
        }
    }
}
