package io.poolscope.pools.ucp;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code CoreConnectionImpl.handleTimeout()}: UCP has taken a borrowed
 * connection out of the pool (abandoned, past its time to live, or still borrowed when the pool
 * closes its borrowed connections) and aborts and closes it next. The field {@code upc} is the
 * pooled connection the lease is keyed by. Also called on a returned connection that UCP retires,
 * after {@link UcpReturnAdvice} ended its lease: then this ends nothing.
 */
public final class UcpReclaimAdvice {

    private UcpReclaimAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("upc") Object pooled) {
        Bridge.reclaimed(pooled);
    }
}
