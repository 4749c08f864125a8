package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectionPool.getConnection()} and {@code getConnection(String, String)}:
 * the application's acquire, with the wait inside. A success ends at {@link TomcatJdbcLeaseAdvice}
 * before the method returns; a throw (the pool's {@code PoolExhaustedException} on timeout, the
 * driver's exception when a connection cannot be opened, "Pool wait interrupted.") ends it here.
 */
public final class TomcatJdbcAcquireAdvice {

    private TomcatJdbcAcquireAdvice() {
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
