package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolableConnectionFactory.makeObject()}: a physical connection is opened, or
 * the driver refuses it (the exception carries the driver's message). The factory knows no data
 * source, so no pool is named: the creation counts for the acquire open on this thread.
 */
public final class Dbcp2CreateAdvice {

    private Dbcp2CreateAdvice() {
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
