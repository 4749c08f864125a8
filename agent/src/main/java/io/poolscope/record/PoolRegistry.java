package io.poolscope.record;

import io.poolscope.pools.PoolIntrospector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The pools seen so far, each looked up by the pool object's identity. */
public final class PoolRegistry {

    private static final int MAX_POOLS = 1024;

    private final WeakIdentityTable<PoolHandle> byPool = new WeakIdentityTable<>(MAX_POOLS);
    private final List<PoolHandle> all = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> unnamedSeen = new HashMap<>();
    private final Function<Class<?>, PoolIntrospector> introspectors;
    private final LeaseTable leaseTable;
    private final int maxCallSites;
    private volatile RecordingListener listener = RecordingListener.NONE;

    PoolRegistry(Function<Class<?>, PoolIntrospector> introspectors, LeaseTable leaseTable, int maxCallSites) {
        this.introspectors = introspectors;
        this.leaseTable = leaseTable;
        this.maxCallSites = maxCallSites;
    }

    void listener(RecordingListener listener) {
        this.listener = listener;
    }

    /** The handle of {@code pool}, created the first time; {@code null} for a pool no adapter knows. */
    PoolHandle handleFor(Object pool) {
        if (pool == null) {
            return null;
        }
        PoolHandle handle = byPool.get(pool);
        if (handle != null) {
            return handle;
        }
        handle = byPool.computeIfAbsent(pool, this::newHandle);
        return handle;
    }

    // runs under byPool's lock, once per pool (and once per part of a pool that stands for it)
    private PoolHandle newHandle(Object pool) {
        PoolIntrospector introspector = introspectors.apply(pool.getClass());
        if (introspector == null) {
            return null;
        }
        Object owner = introspector.poolOf(pool);
        if (owner != pool) {
            // a part of a pool that a hook reached instead of the pool: the pool's own handle (the lock is reentrant)
            return owner == null ? null : byPool.computeIfAbsent(owner, this::newOwnHandle);
        }
        return newOwnHandle(pool);
    }

    private PoolHandle newOwnHandle(Object pool) {
        PoolIntrospector introspector = introspectors.apply(pool.getClass());
        if (introspector == null || introspector.poolOf(pool) != pool) {
            return null; // not a pool itself: one step from a part to its pool, never more
        }
        PoolHandle handle = new PoolHandle(pool, uniqueName(introspector.poolName(pool), introspector.library()),
                introspector, leaseTable, maxCallSites);
        all.add(handle);
        listener.poolSeen(handle);
        return handle;
    }

    /**
     * The pool's own name; a pool without one is "HikariCP-1", "HikariCP-2", ... A name that a live
     * pool holds already gets "#2", "#3": a pool closed and created again under the same name
     * keeps it (and its JMX name).
     */
    private String uniqueName(String ownName, String library) {
        if (ownName == null || ownName.trim().isEmpty()) {
            return library + "-" + unnamedSeen.merge(library, 1, Integer::sum);
        }
        String base = ownName.trim();
        String candidate = base;
        for (int n = 2; isTaken(candidate); n++) {
            candidate = base + "#" + n;
        }
        return candidate;
    }

    private boolean isTaken(String name) {
        for (PoolHandle handle : all) {
            if (!handle.isGone() && handle.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The pools whose objects are still alive, in the order they were seen. */
    public List<PoolHandle> pools() {
        List<PoolHandle> alive = new ArrayList<>();
        for (PoolHandle handle : all) {
            if (!handle.isGone()) {
                alive.add(handle);
            }
        }
        return alive;
    }

    /** Forgets collected pools and connections. Called by the scanner; returns the pools dropped. */
    public List<PoolHandle> expungeStale() {
        byPool.expungeStale();
        List<PoolHandle> gone = new ArrayList<>();
        for (PoolHandle handle : all) {
            if (handle.isGone()) {
                gone.add(handle);
            }
        }
        all.removeAll(gone);
        leaseTable.expungeStale(pools());
        return gone;
    }
}
