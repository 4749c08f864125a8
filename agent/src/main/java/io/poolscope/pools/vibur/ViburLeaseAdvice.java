package io.poolscope.pools.vibur;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the normal return of the private {@code PoolOperations.getConnHolder(long)}, which
 * returns a taken {@code ConnHolder} and never {@code null} (a timeout or a failed connection
 * attempt is thrown, and {@code getProxyConnection} retries or passes it on).
 */
public final class ViburLeaseAdvice {

    private ViburLeaseAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("dataSource") Object pool, @Advice.Return Object connHolder) {
        if (connHolder != null) {
            Bridge.leased(pool, connHolder);
        }
    }
}
