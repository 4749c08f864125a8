package io.poolscope.pools.c3p0;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code C3P0PooledConnectionPool.checkinPooledConnection(PooledConnection)}:
 * the application closed its proxy, and the pool's listener checks the connection in, before it is
 * back among the idle ones.
 */
public final class C3p0CheckinAdvice {

    private C3p0CheckinAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooledConnection) {
        Bridge.released(pooledConnection);
    }
}
