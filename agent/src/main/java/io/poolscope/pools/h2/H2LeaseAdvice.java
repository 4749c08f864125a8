package io.poolscope.pools.h2;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code JdbcXAConnection.addConnectionEventListener(listener)}: the
 * {@code JdbcConnectionPool} (a {@code DataSource} that is its own listener) hands this connection
 * out. Listeners that are no data source are another library's and not a lease of H2's pool.
 */
public final class H2LeaseAdvice {

    private H2LeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection, @Advice.Argument(0) Object listener) {
        if (listener instanceof javax.sql.DataSource) {
            Bridge.leased(listener, connection);
        }
    }
}
