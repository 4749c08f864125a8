package com.zaxxer.hikari.pool;

/** Part of the changed-shape stand-in (see ConcurrentBag): this class alone has HikariCP's shape. */
final class PoolEntry {

    private final HikariPool hikariPool;
    private final Object connection;
    private boolean closed;

    PoolEntry(HikariPool hikariPool, Object connection) {
        this.hikariPool = hikariPool;
        this.connection = connection;
    }

    String createProxyConnection() {
        return "proxy(" + connection + ")";
    }

    void recycle() {
        hikariPool.recycle(this);
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
