package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of the constructor of {@code PoolingDataSource$PoolGuardConnectionWrapper},
 * which {@code PoolingDataSource.getConnection()} calls with the {@code PoolableConnection} it just
 * borrowed: the connection is handed to the acquiring thread (the pool is that of its open acquire).
 * Argument 0 is the outer {@code PoolingDataSource} of this inner class.
 */
public final class Dbcp2LeaseAdvice {

    private Dbcp2LeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Object poolableConnection) {
        Bridge.leased(null, poolableConnection);
    }
}
