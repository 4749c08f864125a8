package io.poolscope.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table from connection key to lease slot, for all pools: a release or close looks its
 * key up here and nowhere else. Keys are held weakly (a connection the application drops stays
 * collectable); each pool may have at most {@code maxPerPool} slots, and the table as a whole a
 * fixed multiple of that.
 */
final class LeaseTable {

    /** The slot handed out when a pool has too many: it records nothing. */
    static final LeaseSlot UNTRACKED = new LeaseSlot(null, false);

    private static final int POOLS_AT_FULL_SIZE = 16;

    private final WeakIdentityTable<LeaseSlot> slots;
    private final int maxPerPool;

    LeaseTable(int maxPerPool) {
        this.maxPerPool = maxPerPool;
        this.slots = new WeakIdentityTable<>((int) Math.min(Integer.MAX_VALUE / 4, (long) maxPerPool * POOLS_AT_FULL_SIZE));
    }

    /** The slot of {@code key}, or {@code null} if it was never leased under poolscope. */
    LeaseSlot get(Object key) {
        return slots.get(key);
    }

    /**
     * A new slot of {@code pool} for {@code key}, or the one {@code key} has; {@link #UNTRACKED}
     * when the pool or the table is full (each such lease is counted by the pool).
     */
    LeaseSlot create(Object key, PoolHandle pool, boolean once) {
        if (pool.trackedSlots.get() >= maxPerPool) {
            pool.untracked.increment();
            return UNTRACKED;
        }
        LeaseSlot slot = slots.computeIfAbsent(key, k -> {
            pool.trackedSlots.incrementAndGet();
            return new LeaseSlot(pool, once);
        });
        if (slot == null) {
            pool.untracked.increment();
            return UNTRACKED;
        }
        return slot;
    }

    /** Forgets {@code key} if {@code slot} is its slot (a connection closed, or a one-lease key returned). */
    void remove(Object key, LeaseSlot slot) {
        if (slots.remove(key, slot)) {
            slot.pool.trackedSlots.decrementAndGet();
        }
    }

    /** The slots of {@code pool} whose keys are alive. */
    List<LeaseSlot> slotsOf(PoolHandle pool) {
        List<LeaseSlot> mine = new ArrayList<>();
        for (LeaseSlot slot : slots.values()) {
            if (slot.pool == pool) {
                mine.add(slot);
            }
        }
        return mine;
    }

    /**
     * Drops the slots whose keys were collected and recounts each pool's slots. Called by the
     * scanner with every live pool.
     */
    void expungeStale(List<PoolHandle> pools) {
        slots.expungeStale();
        List<LeaseSlot> all = slots.values();
        for (PoolHandle pool : pools) {
            int count = 0;
            for (LeaseSlot slot : all) {
                if (slot.pool == pool) {
                    count++;
                    slot.forgetEndedHolder();
                }
            }
            pool.trackedSlots.set(count);
        }
    }
}
