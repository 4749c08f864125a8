package io.poolscope.pools.tomcatjdbc;

import io.poolscope.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code ConnectionPool.returnConnection(PooledConnection)}: the
 * application closed its proxy, before the connection is offered to the idle queue (so no other
 * thread can have borrowed it yet). A connection the pool abandoned meanwhile comes here too when
 * its holder finally closes it: its lease ended already and this is ignored.
 */
public final class TomcatJdbcReleaseAdvice {

    private TomcatJdbcReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object pooledConnection) {
        if (pooledConnection != null) {
            Bridge.released(pooledConnection);
        }
    }
}
