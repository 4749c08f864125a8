package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectionPool.getConnection()} (and its read-only and XA-recovery
 * siblings): the acquire, with its wait. A normal return has leased already
 * ({@link AgroalLeaseAdvice}); a throw ends the acquire as a timeout or a failure.
 */
public final class AgroalAcquireAdvice {

    private AgroalAcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object pool) {
        return Bridge.acquireStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        Bridge.acquireExit(token, thrown);
    }
}
