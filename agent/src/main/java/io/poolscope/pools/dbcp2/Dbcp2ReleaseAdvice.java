package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code PoolableConnection.close()}: the holder gives the connection back,
 * before {@code returnObject} puts it among the idle ones. A second close of a returned connection
 * is a no-op there and is ignored here (its lease ended already).
 */
public final class Dbcp2ReleaseAdvice {

    private Dbcp2ReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object poolableConnection) {
        Bridge.released(poolableConnection);
    }
}
