package io.poolscope.pools.ucp;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Oracle Universal Connection Pool (UCP) 23.x, {@code com.oracle.database.jdbc:ucp11}, over any JDBC
 * connection factory (a {@code DataSource} or a {@code Driver}). UCP is closed source: the hooks were
 * read from the bytecode of 23.6 and 23.26 ({@code javap -c -p}). The pool object is UCP's
 * {@code JDBCConnectionPool} (the {@code PoolDataSourceImpl} creates it on its first use); a
 * physical connection is identified by its {@code UniversalPooledConnection}, which UCP keeps for
 * every lease of that connection, while the application gets a new proxy per lease. Shape of the
 * test kit: {@code FakePool} (the hooked acquire hands the connection out itself), with the pool
 * reclaiming leases from a background thread.
 * <ul>
 *   <li>acquire and lease: {@code JDBCConnectionPool.borrowConnection(ConnectionRetrievalInfo)}, which
 *       {@code PoolDataSourceImpl.getConnection} calls once per getConnection; the wait (up to
 *       {@code connectionWaitDuration}) happens inside it, and it returns the pooled connection or
 *       throws {@code UniversalConnectionPoolException} UCP-45064 (all in use), UCP-45067 (none
 *       could be created in time) or UCP-45069 (the pool is empty: no connection could be created),
 *       which {@code getConnection} wraps in {@code SQLException} UCP-29;</li>
 *   <li>release: {@code UniversalConnectionPoolImpl.returnConnection(UniversalPooledConnection)}, which
 *       the proxy's {@code close()} calls once (and {@code getConnection} when it gives a borrowed
 *       connection back on an error);</li>
 *   <li>reclaim: {@code CoreConnectionImpl.handleTimeout()}, which UCP calls on each borrowed
 *       connection it takes back, right before aborting and closing it: one past
 *       {@code abandonedConnectionTimeout} or {@code timeToLiveConnectionTimeout}, or still borrowed
 *       when the pool closes its borrowed connections; it is also called on a connection being
 *       returned that UCP retires, whose lease the release ended already;</li>
 *   <li>creation: {@code Database.createPooledConnection(ConnectionRetrievalInfo)}, on UCP's worker
 *       threads (or the borrowing one); the object hooked there is the pool's connection source,
 *       which {@link UcpIntrospector#poolOf} resolves to the pool.</li>
 * </ul>
 * Not hooked: {@code borrowConnectionAsync} (the reactive {@code getConnectionAsync}): such leases
 * are not recorded, and their release is ignored as one poolscope never saw.
 */
public final class UcpAdapter extends DeclaredAdapter {

    static final String POOL = "oracle.ucp.jdbc.JDBCConnectionPool";
    static final String POOL_IMPL = "oracle.ucp.common.UniversalConnectionPoolImpl";
    static final String CORE_CONNECTION = "oracle.ucp.common.CoreConnectionImpl";
    static final String DATABASE = "oracle.ucp.common.Database";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "borrowConnection", 1, UcpBorrowAdvice.class),
            new Hook(POOL_IMPL, "returnConnection", 1, UcpReturnAdvice.class),
            new Hook(CORE_CONNECTION, "handleTimeout", 0, UcpReclaimAdvice.class),
            new Hook(DATABASE, "createPooledConnection", 1, UcpCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(CORE_CONNECTION, "upc"); // UcpReclaimAdvice: the pooled connection that is the lease's key

    public UcpAdapter() {
        // the connection source (a Database) stands for its pool in the creation advice
        super(Collections.unmodifiableList(Arrays.asList(POOL, DATABASE)), HOOKS, SHAPE, new UcpIntrospector(), "23.x");
    }
}
