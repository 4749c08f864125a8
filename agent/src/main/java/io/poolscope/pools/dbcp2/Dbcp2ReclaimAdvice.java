package io.poolscope.pools.dbcp2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code GenericObjectPool.invalidateObject(T, DestroyMode)}: with
 * {@code DestroyMode.ABANDONED} (only {@code removeAbandoned} passes it) the pool takes an abandoned
 * connection back from its holder. The pool class is commons-pool2's, shared with other users of
 * that library: their objects were never leased, and the bridge ignores keys it does not know.
 */
public final class Dbcp2ReclaimAdvice {

    private Dbcp2ReclaimAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooled, @Advice.Argument(1) Object destroyMode) {
        if (destroyMode instanceof Enum && "ABANDONED".equals(((Enum<?>) destroyMode).name())) {
            Bridge.reclaimed(pooled);
        }
    }
}
