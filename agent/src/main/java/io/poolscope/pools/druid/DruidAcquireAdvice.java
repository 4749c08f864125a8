package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DruidDataSource.getConnection(long)}, {@code getConnectionDirect(long)} and
 * {@code getConnectionInternal(long)}: the acquire, entered up to three times in one call (the
 * nested calls count nothing). A normal return has leased already ({@link DruidLeaseAdvice}); a
 * throw ends the acquire as a timeout or a failure.
 */
public final class DruidAcquireAdvice {

    private DruidAcquireAdvice() {
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
