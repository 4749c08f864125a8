package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code PooledConnection.connect()}: a physical connection is opened (also by
 * {@code reconnect()}, for a connection past {@code maxAge} or one that failed validation). The
 * pool is the connection's {@code parent}.
 */
public final class TomcatJdbcCreateAdvice {

    private TomcatJdbcCreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.FieldValue("parent") Object pool) {
        return Bridge.createStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("parent") Object pool, @Advice.Enter long startNanos,
                            @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(pool, startNanos, thrown);
    }
}
