package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectionHandler.closeConnection()}: Agroal closes the physical connection
 * (flushed, invalid, reaped, or the pool closed). A connection still in use when it is closed
 * ({@code flush(ALL)}, shutdown) ends its lease here.
 */
public final class AgroalCloseAdvice {

    private AgroalCloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object handler) {
        Bridge.closed(handler);
    }
}
