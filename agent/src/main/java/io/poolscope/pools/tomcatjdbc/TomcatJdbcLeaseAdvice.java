package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.setupConnection(PooledConnection)}: the borrowed
 * connection is wrapped for the application, keyed by its {@code PooledConnection}. Called by
 * {@code getConnection} once per borrow, and by {@code getConnectionAsync}'s future (no acquire
 * frame there: a lease without a recorded wait); never by the pool's own start-up fill.
 */
public final class TomcatJdbcLeaseAdvice {

    private TomcatJdbcLeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool, @Advice.Argument(0) Object pooledConnection) {
        if (pooledConnection != null) {
            Bridge.leased(pool, pooledConnection);
        }
    }
}
