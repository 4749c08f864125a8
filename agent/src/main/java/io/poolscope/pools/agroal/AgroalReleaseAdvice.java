package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.returnConnectionHandler(ConnectionHandler)}: the
 * connection comes back, before Agroal checks the handler in (so no other thread can have taken
 * it yet). A transaction integration that refuses the return ({@code disassociate} false) is not
 * seen; Narayana's and the default one never refuse.
 */
public final class AgroalReleaseAdvice {

    private AgroalReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object handler) {
        Bridge.released(handler);
    }
}
