package io.poolscope.pools.vibur;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PoolOperations.getProxyConnection(long)}: the application's acquire, retries
 * included. A success ends at {@link ViburLeaseAdvice} inside it; a throw (the
 * {@code SQLTimeoutException} of a timeout, the driver's exception once the retries are spent, the
 * pool's "terminated" or "interrupted" {@code SQLException}) ends it here.
 */
public final class ViburAcquireAdvice {

    private ViburAcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.FieldValue("dataSource") Object pool) {
        return Bridge.acquireStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        Bridge.acquireExit(token, thrown);
    }
}
