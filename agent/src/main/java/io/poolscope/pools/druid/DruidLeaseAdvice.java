package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code DruidConnectionHolder.incrementUseCount()}, which
 * {@code getConnectionInternal} calls on the acquiring thread for each checkout, and nothing else
 * calls: the holder is handed out.
 */
public final class DruidLeaseAdvice {

    private DruidLeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("dataSource") Object pool, @Advice.This Object holder) {
        Bridge.leased(pool, holder);
    }
}
