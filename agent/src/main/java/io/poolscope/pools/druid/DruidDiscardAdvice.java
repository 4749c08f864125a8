package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code DruidDataSource.discardConnection(DruidConnectionHolder)}: Druid
 * closes the physical connection and drops it from the pool. A connection still in use ends its
 * lease here (a fatal SQL error, or one found dead right after its checkout).
 */
public final class DruidDiscardAdvice {

    private DruidDiscardAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object holder) {
        if (holder != null) {
            Bridge.closed(holder);
        }
    }
}
