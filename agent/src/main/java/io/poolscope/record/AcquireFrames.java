package io.poolscope.record;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The acquire frames of the threads inside an acquire now: a fixed table of owner slots, claimed
 * with a compare-and-set when a thread opens its first level and released when its last level
 * ends. Nothing is kept per thread beyond that, so a thread's first lease allocates nothing and a
 * million short-lived (virtual) threads cost nothing once they are done. The frames themselves are
 * made on first use of a slot and reused.
 *
 * <p>A thread looks for its own slot among {@link #PROBES} slots from a home slot chosen by its id;
 * when all of those are taken by other threads, its acquire is not recorded (counted).
 */
final class AcquireFrames {

    static final int PROBES = 8;

    private final AtomicReferenceArray<Thread> owners;
    private final AtomicReferenceArray<AcquireFrame> frames;
    private final int mask;
    /** Acquires not recorded because every slot this thread may use was taken. */
    final LongAdder full = new LongAdder();

    AcquireFrames(int size) {
        int capacity = Integer.highestOneBit(Math.max(PROBES, size - 1) << 1);
        this.owners = new AtomicReferenceArray<>(capacity);
        this.frames = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    private int home(Thread thread) {
        long id = thread.getId();
        long mixed = id * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & mask;
    }

    /** The frame the current thread owns, or {@code null}: the common case outside an acquire. */
    AcquireFrame find(Thread thread) {
        int home = home(thread);
        for (int i = 0; i < PROBES; i++) {
            int index = (home + i) & mask;
            if (owners.get(index) == thread) {
                return frames.get(index);
            }
        }
        return null;
    }

    /** The current thread's frame, claiming a free slot if it has none; {@code null} when none is free. */
    AcquireFrame findOrClaim(Thread thread) {
        AcquireFrame own = find(thread);
        if (own != null) {
            return own;
        }
        int home = home(thread);
        for (int i = 0; i < PROBES; i++) {
            int index = (home + i) & mask;
            if (owners.get(index) == null && owners.compareAndSet(index, null, thread)) {
                AcquireFrame frame = frames.get(index);
                if (frame == null) {
                    frame = new AcquireFrame(index);
                    frames.set(index, frame);
                }
                frame.reset(StripedHistogram.currentStripe());
                return frame;
            }
        }
        full.increment();
        return null;
    }

    /** Gives the slot back once the frame has no level and no call open. */
    void releaseIfEmpty(AcquireFrame frame) {
        if (frame.isEmpty()) {
            owners.set(frame.index, null);
        }
    }

    /** The frames owned now, for the scanner (read racily: an owner may come or go meanwhile). */
    void forEachOwned(BiConsumer<Thread, AcquireFrame> action) {
        for (int i = 0; i <= mask; i++) {
            Thread owner = owners.get(i);
            AcquireFrame frame = frames.get(i);
            if (owner != null && frame != null) {
                action.accept(owner, frame);
            }
        }
    }

    /**
     * Frees the slots of threads that ended with an acquire open (a frame the pool never ended);
     * {@code openAcquire} is told the raw pool of each such level, which no thread writes any more.
     * Called by the scanner.
     */
    void expungeDeadOwners(Consumer<Object> openAcquire) {
        for (int i = 0; i <= mask; i++) {
            Thread owner = owners.get(i);
            if (owner != null && !owner.isAlive()) {
                AcquireFrame frame = frames.get(i);
                for (int level = 0; frame != null && level < frame.levels; level++) {
                    openAcquire.accept(frame.pools[level]);
                }
                owners.compareAndSet(i, owner, null);
            }
        }
    }
}
