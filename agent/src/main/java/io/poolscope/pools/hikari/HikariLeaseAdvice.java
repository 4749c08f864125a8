package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code PoolEntry.createProxyConnection(..)}: the connection is handed to
 * the thread that is acquiring it (the pool is the one its borrow started on, so none is passed).
 *
 * <p>Kept as small as bytecode allows: the JIT inlines this method into {@code getConnection} only
 * while it stays under 35 bytes at call sites it does not count as hot, and when it is not inlined
 * HikariCP's proxy object escapes (measured: +56 bytes per getConnection in the benchmark).
 */
public final class HikariLeaseAdvice {

    private HikariLeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object poolEntry) {
        Bridge.leased(null, poolEntry);
    }
}
