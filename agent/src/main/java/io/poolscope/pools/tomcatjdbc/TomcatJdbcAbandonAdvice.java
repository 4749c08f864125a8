package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.abandon(PooledConnection)}: the pool takes a
 * connection back from its holder. {@code checkAbandoned} (the pool cleaner, with
 * {@code removeAbandoned=true}) has just removed it from the busy queue: the lease ends as
 * reclaimed. {@code close(true)} abandons every connection still out after setting {@code closed}:
 * those leases end as closed by the pool. The {@code release} that follows is then a no-op.
 */
public final class TomcatJdbcAbandonAdvice {

    private TomcatJdbcAbandonAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("closed") boolean poolClosed, @Advice.Argument(0) Object pooledConnection) {
        if (pooledConnection == null) {
            return;
        }
        if (poolClosed) {
            Bridge.closed(pooledConnection);
        } else {
            Bridge.reclaimed(pooledConnection);
        }
    }
}
