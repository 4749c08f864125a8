package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HikariPool.recycle(PoolEntry)}: a borrowed connection comes back. */
public final class HikariReleaseAdvice {

    private HikariReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool, @Advice.Argument(0) Object poolEntry) {
        Bridge.released(pool, poolEntry);
    }
}
