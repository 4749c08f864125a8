package io.poolscope.pools.c3p0;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code acquireResource()} of {@code C3P0PooledConnectionPool}'s resource manager: a
 * physical connection is opened through the {@code ConnectionPoolDataSource}, which calls the
 * driver, so a failure is the driver's own exception. Runs on c3p0's helper threads; the manager's
 * {@code this$0} is the pool.
 */
public final class C3p0CreateAdvice {

    private C3p0CreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.FieldValue("this$0") Object pool) {
        return Bridge.createStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object pool, @Advice.Enter long startNanos,
                            @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(pool, startNanos, thrown);
    }
}
