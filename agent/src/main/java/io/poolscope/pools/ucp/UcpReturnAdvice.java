package io.poolscope.pools.ucp;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code UniversalConnectionPoolImpl.returnConnection(UniversalPooledConnection)}:
 * a borrowed connection comes back (the proxy's {@code close()}), before UCP makes it available again.
 */
public final class UcpReturnAdvice {

    private UcpReturnAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooled) {
        Bridge.released(pooled);
    }
}
