package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.release(PooledConnection)}: the pool disconnects
 * the physical connection and discards the {@code PooledConnection}. Mostly a connection that is
 * not out (an idle one evicted, a returned one that failed validation or came back to a closed
 * pool, one that failed to connect): nothing ends then.
 */
public final class TomcatJdbcCloseAdvice {

    private TomcatJdbcCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooledConnection) {
        if (pooledConnection != null) {
            Bridge.closed(pooledConnection);
        }
    }
}
