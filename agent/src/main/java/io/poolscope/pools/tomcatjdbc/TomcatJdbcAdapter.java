package io.poolscope.pools.tomcatjdbc;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Tomcat JDBC pool ({@code org.apache.tomcat:tomcat-jdbc}) 8.5, 9.0, 10.1 and 11.0, whose pool classes
 * are the same in all four. The pool object is {@code ConnectionPool}; a physical connection is
 * identified by its {@code PooledConnection}, which Tomcat keeps for every lease of that connection
 * (and reconnects in place), not by the proxy the application gets, which is new per lease.
 * Kit shape: {@code FakePool} (the acquire method hands the connection out itself).
 * <ul>
 *   <li>acquire: {@code ConnectionPool.getConnection()} and {@code getConnection(String, String)};
 *       they call the private {@code borrowConnection(int, String, String)}, which waits on the idle
 *       queue for {@code maxWait} ms (forever when {@code maxWait <= 0}), creates a connection when
 *       below {@code maxActive}, and throws {@code PoolExhaustedException} on timeout;</li>
 *   <li>lease: {@code ConnectionPool.setupConnection(PooledConnection)}, which wraps the borrowed
 *       connection for the application. Not {@code borrowConnection} itself: the pool's constructor
 *       borrows and returns its {@code initialSize} connections through it, which are not the
 *       application's acquires. {@code getConnectionAsync} hands out its connections through
 *       {@code setupConnection} too: they are leases without a recorded wait;</li>
 *   <li>release: {@code ConnectionPool.returnConnection(PooledConnection)}, at its start, before the
 *       connection goes back to the idle queue (the proxy's {@code close()} calls it once);</li>
 *   <li>reclaim: {@code ConnectionPool.abandon(PooledConnection)}, called by the pool cleaner's
 *       {@code checkAbandoned} for a connection out longer than {@code removeAbandonedTimeout}
 *       seconds ({@code removeAbandoned=true}); when the pool is closing ({@code close(true)}
 *       abandons what is still out) the same call counts as closed by the pool;</li>
 *   <li>closed by the pool: {@code ConnectionPool.release(PooledConnection)}, which disconnects the
 *       physical connection (idle eviction, failed validation, a return to a closed pool);</li>
 *   <li>creation: {@code PooledConnection.connect()}, also called by {@code reconnect()}.</li>
 * </ul>
 */
public final class TomcatJdbcAdapter extends DeclaredAdapter {

    static final String POOL = "org.apache.tomcat.jdbc.pool.ConnectionPool";
    static final String CONNECTION = "org.apache.tomcat.jdbc.pool.PooledConnection";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "getConnection", Hook.ANY_ARITY, TomcatJdbcAcquireAdvice.class),
            new Hook(POOL, "setupConnection", 1, TomcatJdbcLeaseAdvice.class),
            new Hook(POOL, "returnConnection", 1, TomcatJdbcReleaseAdvice.class),
            new Hook(POOL, "abandon", 1, TomcatJdbcAbandonAdvice.class),
            new Hook(POOL, "release", 1, TomcatJdbcCloseAdvice.class),
            new Hook(CONNECTION, "connect", 0, TomcatJdbcCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(POOL, "closed")           // TomcatJdbcAbandonAdvice: abandoned while the pool closes
            .field(CONNECTION, "parent");    // TomcatJdbcCreateAdvice: the connection's ConnectionPool

    public TomcatJdbcAdapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new TomcatJdbcIntrospector(), "8.5, 9.0, 10.1, 11.0");
    }
}
