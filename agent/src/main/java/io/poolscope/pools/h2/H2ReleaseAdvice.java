package io.poolscope.pools.h2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code JdbcConnectionPool.recycleConnection(PooledConnection)}: the
 * application closed its handle, and the connection is about to go back to the idle queue.
 */
public final class H2ReleaseAdvice {

    private H2ReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooledConnection) {
        Bridge.released(pooledConnection);
    }
}
