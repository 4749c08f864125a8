package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code PoolEntry.recycle(..)}: a borrowed connection comes back, before it
 * is put back in the bag (so no other thread can have borrowed it yet). Not on the larger
 * {@code HikariPool.recycle}: advice there cost the JIT's escape analysis of HikariCP's proxy object.
 */
public final class HikariReleaseAdvice {

    private HikariReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object poolEntry) {
        Bridge.released(poolEntry);
    }
}
