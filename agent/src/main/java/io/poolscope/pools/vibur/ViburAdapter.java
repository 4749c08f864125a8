package io.poolscope.pools.vibur;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Vibur DBCP ({@code org.vibur:vibur-dbcp}) 22.x to 26.x, whose pool classes have the same
 * methods and fields in the versions tested (22.2, 25.0, 26.0). The pool object is the
 * {@code ViburDBCPDataSource} (which is also its
 * {@code ViburConfig}); a physical connection is identified by its {@code ConnHolder}, which the
 * object pool keeps for every take of that connection, not by the proxy the application gets,
 * which is new per take. Kit shape: {@code FakePool} (the acquire method hands the connection out
 * itself).
 * <ul>
 *   <li>acquire: {@code PoolOperations.getProxyConnection(long)}, which retries the private
 *       {@code getConnHolder(long)} after a failed connection attempt ({@code acquireRetryAttempts},
 *       {@code acquireRetryDelayInMs}); {@code getConnHolder} waits on the object pool's semaphore for
 *       {@code connectionTimeoutInMs} (forever when it is 0) and throws {@code SQLTimeoutException}
 *       on timeout;</li>
 *   <li>lease: the return of {@code PoolOperations.getConnHolder(long)}, a {@code ConnHolder};</li>
 *   <li>release: {@code PoolOperations.restore(ConnHolder, boolean, SQLException[])}, at its start,
 *       before the holder is back in the object pool (the proxy's {@code close()}, {@code abort()} and
 *       {@code severConnection} call it once);</li>
 *   <li>creation: {@code ConnectionFactory.create(Connector)} ({@code create()} calls it), whose
 *       {@code config} is the data source; {@code getNonPooledConnection} opens its connections
 *       there too, and they count as created.</li>
 * </ul>
 * Vibur closes only connections that are in the pool (idle reduction, a return that is not
 * reusable, termination), never one that is out, and takes none back from its holder: there is no
 * close or reclaim hook.
 */
public final class ViburAdapter extends DeclaredAdapter {

    static final String DATA_SOURCE = "org.vibur.dbcp.ViburDBCPDataSource";
    static final String OPERATIONS = "org.vibur.dbcp.pool.PoolOperations";
    static final String FACTORY = "org.vibur.dbcp.pool.ConnectionFactory";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(OPERATIONS, "getProxyConnection", 1, ViburAcquireAdvice.class),
            new Hook(OPERATIONS, "getConnHolder", 1, ViburLeaseAdvice.class),
            new Hook(OPERATIONS, "restore", 3, ViburReleaseAdvice.class),
            new Hook(FACTORY, "create", 1, ViburCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(OPERATIONS, "dataSource")   // ViburAcquireAdvice, ViburLeaseAdvice: the pool
            .field(FACTORY, "config");         // ViburCreateAdvice: the data source it was made for

    public ViburAdapter() {
        super(Collections.singletonList(DATA_SOURCE), HOOKS, SHAPE, new ViburIntrospector(), "22.x-26.x");
    }
}
