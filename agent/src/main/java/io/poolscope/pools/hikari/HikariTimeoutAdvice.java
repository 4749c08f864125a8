package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HikariPool.createTimeoutException(long)}, which {@code getConnection} calls
 * on the acquiring thread just before it throws its timeout. Most timeouts were already seen as a
 * {@code null} borrow; this one also ends the acquire that borrowed dead or evicted entries until
 * its time was spent (a failover), whose last borrow returned an entry.
 */
public final class HikariTimeoutAdvice {

    private HikariTimeoutAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool) {
        Bridge.timeoutRaised(pool);
    }
}
