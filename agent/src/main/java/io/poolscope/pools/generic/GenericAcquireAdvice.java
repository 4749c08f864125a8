package io.poolscope.pools.generic;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code getConnection()} and {@code getConnection(String, String)} of a
 * {@code javax.sql.DataSource} that no pool adapter covers (option {@code generic=on}). The
 * outermost such call on a thread is an acquire; the connection it returns is the lease's key, for
 * this lease only. A throw is a failure: there is no timeout to tell apart.
 */
public final class GenericAcquireAdvice {

    private GenericAcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object dataSource) {
        return Bridge.genericAcquireStart(dataSource);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token, @Advice.Return Object connection, @Advice.Thrown Throwable thrown) {
        Bridge.genericAcquireExit(token, connection, thrown);
    }
}
