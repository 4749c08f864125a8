package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code DruidAbstractDataSource.createPhysicalConnection()}: a physical connection is opened. */
public final class DruidCreateAdvice {

    private DruidCreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This Object pool) {
        return Bridge.createStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object pool, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(pool, startNanos, thrown);
    }
}
