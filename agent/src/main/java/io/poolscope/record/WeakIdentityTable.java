package io.poolscope.record;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A bounded map from object identity to a value, whose keys are held weakly. Lookups take no lock
 * and allocate nothing: they run on every acquire and release. Inserts (once per pool, once per
 * physical connection) take this table's own lock, which no lookup waits on.
 *
 * <p>Cleared keys stay as dead entries until {@link #expungeStale()} (called by the background
 * scanner) rebuilds the array; inserts rebuild too when the array is half full.
 */
public final class WeakIdentityTable<V> {

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        final V value;

        Entry(Object key, int hash, V value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    private final int maxEntries;
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();
    private volatile Entry<V>[] entries;
    private int used; // entries in the array, live or dead; guarded by this
    private int removed; // entries cleared by remove() since the last rebuild; guarded by this
    private final LongAdder dropped = new LongAdder(); // inserts refused because the table was full
    /** Set while the table is full, so refused inserts do not take the lock; cleared when a rebuild frees room. */
    private volatile boolean full;

    public WeakIdentityTable(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = newArray(16);
    }

    /** The value for {@code key}, or {@code null}. */
    public V get(Object key) {
        if (key == null) {
            return null; // a cleared entry's referent is null too
        }
        Entry<V> entry = find(entries, key);
        return entry == null ? null : entry.value;
    }

    /** The live entry of {@code key} in {@code table}, or {@code null}. */
    private static <V> Entry<V> find(Entry<V>[] table, Object key) {
        int mask = table.length - 1;
        int i = System.identityHashCode(key) & mask;
        Entry<V> entry;
        while ((entry = table[i]) != null) {
            if (entry.get() == key) {
                return entry;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * The value for {@code key}, created by {@code factory} if absent. Returns {@code null} when the
     * table is full or the factory returns {@code null}.
     */
    public V computeIfAbsent(Object key, Function<Object, V> factory) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        if (full) {
            dropped.increment();
            return null;
        }
        return insert(key, factory);
    }

    private synchronized V insert(Object key, Function<Object, V> factory) {
        V existing = get(key);
        if (existing != null) {
            return existing;
        }
        if (used >= maxEntries && (drainCleared() | removed > 0)) {
            rebuild();
        }
        if (used >= maxEntries) {
            full = true;
            dropped.increment();
            return null;
        }
        V value = factory.apply(key);
        if (value == null) {
            return null;
        }
        if ((used + 1) * 2 > entries.length) {
            rebuild();
        }
        insert(entries, new Entry<>(key, System.identityHashCode(key), value, cleared));
        used++;
        return value;
    }

    /** Forgets {@code key}; its entry stays, dead, until the next rebuild. Returns whether it was there. */
    public synchronized boolean remove(Object key) {
        return remove(key, null);
    }

    /** Forgets {@code key} if its value is {@code expected} (any value if {@code null}). Returns whether it did. */
    public synchronized boolean remove(Object key, V expected) {
        Entry<V> entry = find(entries, key);
        if (entry == null || (expected != null && entry.value != expected)) {
            return false;
        }
        entry.clear();
        removed++;
        if (removed > used / 2 && used > 64) {
            rebuild(); // one-lease keys come and go: do not wait for the scanner to reclaim their entries
        }
        return true;
    }

    /** Drops the entries whose keys were collected or removed. Cheap when there are none. */
    public synchronized void expungeStale() {
        if (drainCleared() | removed > 0) {
            rebuild();
        }
    }

    /** Values whose keys are still alive. */
    public List<V> values() {
        List<V> values = new ArrayList<>();
        for (Entry<V> entry : entries) {
            if (entry != null && entry.get() != null) {
                values.add(entry.value);
            }
        }
        return values;
    }

    public long dropped() {
        return dropped.sum();
    }

    // guarded by this
    private boolean drainCleared() {
        boolean any = false;
        while (cleared.poll() != null) {
            any = true;
        }
        return any;
    }

    // guarded by this; publishes a fresh array, sized for the live entries, so lookups never see a half-built one
    private void rebuild() {
        List<Entry<V>> alive = new ArrayList<>();
        for (Entry<V> entry : entries) {
            if (entry != null && entry.get() != null) {
                alive.add(entry);
            }
        }
        int capacity = 16;
        while (capacity < (alive.size() + 1) * 4) {
            capacity <<= 1;
        }
        Entry<V>[] fresh = newArray(capacity);
        for (Entry<V> entry : alive) {
            insert(fresh, entry);
        }
        used = alive.size();
        removed = 0;
        full = used >= maxEntries;
        entries = fresh;
    }

    private static <V> void insert(Entry<V>[] table, Entry<V> entry) {
        int mask = table.length - 1;
        int i = entry.hash & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = entry;
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newArray(int capacity) {
        return (Entry<V>[]) new Entry[capacity];
    }
}
