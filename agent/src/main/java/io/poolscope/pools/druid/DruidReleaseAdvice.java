package io.poolscope.pools.druid;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code DruidPooledConnection.recycle()}: the application closes its
 * connection, before the holder goes back to the pool. A second close finds {@code holder} null.
 */
public final class DruidReleaseAdvice {

    private DruidReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("holder") Object holder) {
        if (holder != null) {
            Bridge.released(holder);
        }
    }
}
