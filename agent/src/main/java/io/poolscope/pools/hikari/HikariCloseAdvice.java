package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolEntry.close()}: HikariCP closes the physical connection. A connection
 * that broke or was evicted while out is closed here and never goes through {@code recycle}.
 */
public final class HikariCloseAdvice {

    private HikariCloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object poolEntry, @Advice.FieldValue("hikariPool") Object pool) {
        Bridge.closed(pool, poolEntry);
    }
}
