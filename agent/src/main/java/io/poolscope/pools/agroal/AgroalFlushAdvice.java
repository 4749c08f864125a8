package io.poolscope.pools.agroal;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool$FlushTask.flushHandler(ConnectionHandler)}, which
 * removes a handler from the pool and schedules its close. In mode {@code LEAK} the handler is one
 * still checked out past {@code leakTimeout}: Agroal takes it from its holder, so the lease ends
 * as reclaimed. In the other modes a handler in use is either closed ({@code ALL}, seen by
 * {@link AgroalCloseAdvice}) or not flushed here; a handler not leased is ignored by the recorder.
 */
public final class AgroalFlushAdvice {

    private AgroalFlushAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("mode") Object mode, @Advice.Argument(0) Object handler) {
        if (mode instanceof Enum && "LEAK".equals(((Enum<?>) mode).name())) {
            Bridge.reclaimed(handler);
        }
    }
}
