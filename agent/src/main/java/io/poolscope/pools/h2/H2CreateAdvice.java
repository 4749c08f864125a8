package io.poolscope.pools.h2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code JdbcDataSource.getPooledConnection()}: a physical connection is opened. The
 * data source does not know the pool asking, so none is named: it counts for the acquire under way
 * on this thread, and for nothing outside one.
 */
public final class H2CreateAdvice {

    private H2CreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return Bridge.createStart(null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(null, startNanos, thrown);
    }
}
