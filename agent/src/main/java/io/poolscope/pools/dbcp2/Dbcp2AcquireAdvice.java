package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code BasicDataSource.getConnection()}: the whole acquire, from starting the pool
 * (its first call) to the borrow that waits in {@code GenericObjectPool.borrowObject}. A return
 * ends nothing: the lease ended the acquire already ({@link Dbcp2LeaseAdvice}); a throw ends it
 * as a timeout or a failure.
 */
public final class Dbcp2AcquireAdvice {

    private Dbcp2AcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object dataSource) {
        return Bridge.acquireStart(dataSource);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        Bridge.acquireExit(token, thrown);
    }
}
