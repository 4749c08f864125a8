package io.poolscope.pools.h2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code JdbcConnectionPool.getConnection()}: the acquire, waiting in its spin loop.
 * The lease is reported inside it ({@link H2LeaseAdvice}); a throw is the timeout ("Login timeout")
 * or the failure to open a connection.
 */
public final class H2AcquireAdvice {

    private H2AcquireAdvice() {
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
