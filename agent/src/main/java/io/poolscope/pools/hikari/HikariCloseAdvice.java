package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolEntry.close()}: HikariCP closes the physical connection. A connection
 * that broke or was evicted while out is closed here and never goes through {@code recycle}. A dead entry
 * that {@code getConnection} just borrowed is closed here too, on the acquiring thread, before it
 * borrows again.
 */
public final class HikariCloseAdvice {

    private HikariCloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object poolEntry) {
        Bridge.closed(poolEntry);
    }
}
