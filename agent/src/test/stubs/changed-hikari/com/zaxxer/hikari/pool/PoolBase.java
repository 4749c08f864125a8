package com.zaxxer.hikari.pool;

/** Part of the changed-shape stand-in (see ConcurrentBag): newConnection is where HikariCP has it. */
abstract class PoolBase {

    private int created;

    Object newConnection() {
        return "connection-" + (++created);
    }
}
