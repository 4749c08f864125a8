package io.poolscope.pools.hikari;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConcurrentBag.borrow(long, TimeUnit)}, where HikariCP waits for a connection;
 * the bag's {@code listener} is the {@code HikariPool}. The bag returns {@code null} on timeout and
 * throws only when interrupted; success ends at {@link HikariLeaseAdvice}. When the entry it
 * returns is dead or evicted, {@code getConnection} closes it ({@link HikariCloseAdvice}, which
 * keeps the frame open) and borrows again, or throws its timeout ({@link HikariTimeoutAdvice}).
 *
 * <p>Not on {@code HikariPool.getConnection}: exit advice that also runs on a throw merges the
 * method's result with {@code null}, which stops the JIT from eliminating HikariCP's proxy object
 * (measured: +56 bytes per getConnection in the benchmark). The bag returns a reused entry instead.
 */
public final class HikariBorrowAdvice {

    private HikariBorrowAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.FieldValue("listener") Object pool) {
        return Bridge.acquireStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Return Object entry, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Bridge.acquireExit(token, thrown);
        } else if (entry == null) {
            Bridge.acquireTimedOut(token);
        } else {
            Bridge.acquireExit(token, null); // borrowed: the lease follows in createProxyConnection
        }
    }
}
