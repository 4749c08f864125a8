package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code PoolEntry.createProxyConnection(..)}: the connection is handed out. */
public final class HikariLeaseAdvice {

    private HikariLeaseAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object poolEntry, @Advice.FieldValue("hikariPool") Object pool) {
        Bridge.leased(pool, poolEntry);
    }
}
