package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConnectionPool$CreateConnectionTask.call()}: a physical connection is opened
 * ({@code ConnectionFactory.createConnection()}, then the handler around it), or the task finds the
 * pool full and returns {@code null} without opening one, which is not counted.
 */
public final class AgroalCreateAdvice {

    private AgroalCreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.FieldValue("this$0") Object pool) {
        return Bridge.createStart(pool);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object pool, @Advice.Enter long startNanos,
                            @Advice.Return Object handler, @Advice.Thrown Throwable thrown) {
        if (thrown != null || handler != null) {
            Bridge.createEnd(pool, startNanos, thrown);
        } else {
            Bridge.createSkipped(pool);
        }
    }
}
