package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code DruidPooledConnection.setTraceEnable(boolean)}. Druid calls it with
 * {@code false} in two places: {@code removeAbandoned()}, on the destroy thread (or a JMX caller),
 * for each connection it is about to take from its holder; and {@code handleFatalError}, on the
 * thread that used the connection, before it discards it ({@link DruidDiscardAdvice}). The first is
 * a reclaim: the lease ends here, before the close that puts the holder back in the pool (the
 * release that close makes is then ignored).
 */
public final class DruidReclaimAdvice {

    private DruidReclaimAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) boolean traceEnable, @Advice.FieldValue("holder") Object holder,
                             @Advice.FieldValue("ownerThread") Thread owner) {
        if (!traceEnable && holder != null && owner != Thread.currentThread()) {
            Bridge.reclaimed(holder);
        }
    }
}
