package io.poolscope.pools.h2;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * H2's own pool, {@code org.h2.jdbcx.JdbcConnectionPool} ({@code com.h2database:h2} 2.x), over
 * H2's {@code JdbcDataSource}, which is what {@code JdbcConnectionPool.create(url, user, password)}
 * builds. The pool object is the {@code JdbcConnectionPool}; a physical connection is identified by
 * its {@code JdbcXAConnection} (the {@code PooledConnection} the pool keeps and hands out again), not
 * by the {@code Connection} handle the application holds, which is new per checkout. The kit's
 * shape: {@code FakePool} (the acquire method hands the connection out itself).
 * <ul>
 *   <li>acquire: {@code JdbcConnectionPool.getConnection()}, which spins and sleeps until fewer than
 *       {@code maxConnections} are out or its {@code loginTimeout} (seconds; 0 sets the default, 30:
 *       it cannot wait forever) is spent, then throws {@code SQLException} "Login timeout" (SQL state
 *       08001, code 8001). {@code getConnection(user, password)} only throws
 *       {@code UnsupportedOperationException} and is not an acquire;</li>
 *   <li>lease: {@code JdbcXAConnection.addConnectionEventListener(listener)}, which the pool calls
 *       with itself as the listener on the connection it hands out, once per checkout, after taking
 *       it from its idle queue or opening it. The pool is the listener; other listeners (another
 *       library pooling H2's {@code PooledConnection}s) are not a {@code DataSource} and are ignored;</li>
 *   <li>release: {@code JdbcConnectionPool.recycleConnection(PooledConnection)}, which its
 *       {@code connectionClosed} calls when the application closes its handle, before the connection
 *       goes back to the idle queue (or is closed, when the pool is full or disposed);</li>
 *   <li>creation: {@code JdbcDataSource.getPooledConnection()}, which opens the physical connection;
 *       it cannot see the pool, so it reports none and counts for the acquire under way on its
 *       thread (the pool opens connections only inside {@code getConnection}).</li>
 * </ul>
 * The pool never takes a connection back from its holder and never closes one that is out.
 * Over another library's {@code ConnectionPoolDataSource} ({@code JdbcConnectionPool.create(cpds)})
 * the lease and the creation are not seen: its acquires end as failures.
 */
public final class H2PoolAdapter extends DeclaredAdapter {

    static final String POOL = "org.h2.jdbcx.JdbcConnectionPool";
    static final String XA_CONNECTION = "org.h2.jdbcx.JdbcXAConnection";
    static final String DATA_SOURCE = "org.h2.jdbcx.JdbcDataSource";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "getConnection", 0, H2AcquireAdvice.class),
            new Hook(XA_CONNECTION, "addConnectionEventListener", 1, H2LeaseAdvice.class),
            new Hook(POOL, "recycleConnection", 1, H2ReleaseAdvice.class),
            new Hook(DATA_SOURCE, "getPooledConnection", 0, H2CreateAdvice.class)));

    private static final Shape SHAPE = Shape.of(HOOKS);

    public H2PoolAdapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new H2PoolIntrospector(), "2.x");
    }

    /** The pool and its pooled connections only: the rest of {@code org.h2.jdbcx} is H2's driver, no pool. */
    @Override
    public List<String> genericExclusions() {
        return Collections.unmodifiableList(Arrays.asList(POOL, XA_CONNECTION));
    }
}
