package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolableConnection.reallyClose()}: the pool closes the physical connection
 * (the factory's {@code destroyObject}: evicted, invalidated, or the data source closed).
 */
public final class Dbcp2CloseAdvice {

    private Dbcp2CloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object poolableConnection) {
        Bridge.closed(poolableConnection);
    }
}
