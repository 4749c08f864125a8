package io.poolscope.pools.c3p0;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code C3P0PooledConnectionPool.checkoutPooledConnection()}: the acquire, whose wait
 * is in the resource pool it calls, and the lease of the {@code PooledConnection} it returns. A
 * throw is the application's own exception: the timeout, or a failure.
 */
public final class C3p0CheckoutAdvice {

    private C3p0CheckoutAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object pool) {
        return Bridge.acquireStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object pool, @Advice.Enter Object token, @Advice.Return Object pooledConnection,
                            @Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            Bridge.leased(pool, pooledConnection);
        }
        Bridge.acquireExit(token, thrown);
    }
}
