package io.poolscope.pools.generic;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code close()} of a {@code java.sql.Connection} class (option
 * {@code generic=on}): ends the lease keyed by this connection object if the generic fallback
 * leased it; any other connection's close costs one lookup and counts nothing. A subclass that
 * does not override {@code close()} runs its superclass's, where this advice sees the subclass's
 * object.
 */
public final class GenericCloseAdvice {

    private GenericCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection) {
        Bridge.genericReleased(connection);
    }
}
