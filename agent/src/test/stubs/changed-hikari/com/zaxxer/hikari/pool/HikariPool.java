package com.zaxxer.hikari.pool;

import com.zaxxer.hikari.util.ConcurrentBag;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Part of the changed-shape stand-in (see ConcurrentBag): a pool of strings with HikariCP's method names. */
public final class HikariPool extends PoolBase {

    private final ConcurrentBag bag = new ConcurrentBag(this);
    private final List<PoolEntry> entries = new ArrayList<>();

    public HikariPool(int size) {
        for (int i = 0; i < size; i++) {
            PoolEntry entry = new PoolEntry(this, newConnection());
            entries.add(entry);
            bag.add(entry);
        }
    }

    /** Borrows a connection, uses it, gives it back; returns what was used. */
    public String use() throws SQLException {
        PoolEntry entry = (PoolEntry) bag.borrow(1_000);
        if (entry == null) {
            throw createTimeoutException(1_000);
        }
        String proxy = entry.createProxyConnection();
        entry.recycle();
        return proxy;
    }

    public void shutdown() {
        entries.forEach(PoolEntry::close);
    }

    void recycle(PoolEntry entry) {
        bag.requite(entry);
    }

    private SQLException createTimeoutException(long timeoutMillis) {
        return new SQLException("timed out after " + timeoutMillis + "ms");
    }
}
