package io.poolscope.pools.vibur;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectionFactory.create(Connector)}: a physical connection is opened. The
 * factory's {@code config} is the {@code ViburDBCPDataSource} that made it, the pool object.
 */
public final class ViburCreateAdvice {

    private ViburCreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.FieldValue("config") Object pool) {
        return Bridge.createStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("config") Object pool, @Advice.Enter long startNanos,
                            @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(pool, startNanos, thrown);
    }
}
