package io.poolscope.pools.ucp;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code JDBCConnectionPool.borrowConnection(ConnectionRetrievalInfo)}: UCP waits for a
 * connection inside, and returns the {@code UniversalPooledConnection} it lends (the lease's key),
 * {@code null} for a borrow that must not wait, or throws (its timeouts are
 * {@code UniversalConnectionPoolException}s, see {@link UcpIntrospector#isTimeout}).
 */
public final class UcpBorrowAdvice {

    private UcpBorrowAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object pool) {
        return Bridge.acquireStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object pool, @Advice.Enter Object token, @Advice.Return Object pooled,
                            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            Bridge.acquireExit(token, thrown);
        } else if (pooled == null) {
            Bridge.acquireTimedOut(token);
        } else {
            Bridge.leased(pool, pooled);
            Bridge.acquireExit(token, null);
        }
    }
}
