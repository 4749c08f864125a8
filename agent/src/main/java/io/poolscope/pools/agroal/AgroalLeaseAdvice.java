package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.afterAcquire(long, ConnectionHandler[, boolean])} (the boolean from 2.0): the
 * checked-out, validated handler is handed to the acquiring thread. At the start, because with
 * {@code transactionRequirement=STRICT} the method returns the handler itself before it throws.
 */
public final class AgroalLeaseAdvice {

    private AgroalLeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool, @Advice.Argument(1) Object handler) {
        Bridge.leased(pool, handler);
    }
}
