package io.poolscope.pools.ucp;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Database.createPooledConnection(ConnectionRetrievalInfo)}: UCP opens a physical
 * connection through its connection factory. {@code this} is the pool's connection source, which the
 * recorder resolves to the pool ({@link UcpIntrospector#poolOf}). UCP wraps the driver's refusal in
 * its own {@code UniversalConnectionPoolException} ("UCP-45257: Cannot get Connection from
 * Datasource"): the driver's exception, its cause, is the one reported.
 */
public final class UcpCreateAdvice {

    private UcpCreateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This Object source) {
        return Bridge.createStart(source);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object source, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        Bridge.createEnd(source, startNanos, thrown == null || thrown.getCause() == null ? thrown : thrown.getCause());
    }
}
