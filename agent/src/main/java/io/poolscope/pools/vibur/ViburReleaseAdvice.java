package io.poolscope.pools.vibur;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code PoolOperations.restore(ConnHolder, boolean, SQLException[])}: the
 * application closed (or aborted, or severed) its connection, before the object pool takes the
 * holder back, so no other thread can have taken it yet.
 */
public final class ViburReleaseAdvice {

    private ViburReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object connHolder) {
        if (connHolder != null) {
            Bridge.released(connHolder);
        }
    }
}
