package io.poolscope.pools.c3p0;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * c3p0 0.9.5 to 0.14 ({@code com.mchange:c3p0}). The pool object is the
 * {@code C3P0PooledConnectionPool} of one user of a data source (a {@code ComboPooledDataSource}
 * has one per user name it was asked for, the default user's first); a physical connection is
 * identified by its {@code PooledConnection} (c3p0's {@code NewPooledConnection}), which c3p0
 * keeps as the resource of its {@code BasicResourcePool} and reuses for every checkout, not by the
 * proxy {@code Connection} the application holds, which is new per checkout. The kit's shape:
 * {@code FakePool} (the acquire method hands the connection out itself).
 * <ul>
 *   <li>acquire and lease: {@code C3P0PooledConnectionPool.checkoutPooledConnection()}, which
 *       {@code getConnection} calls once and which throws the application's exception itself
 *       ({@code SQLException} "An attempt by a client to checkout a Connection has timed out."
 *       caused by c3p0's {@code TimeoutException}). Not {@code BasicResourcePool.checkoutResource(long)},
 *       where the wait happens: it calls itself for each connection that fails its checkout test,
 *       and with a statement cache {@code checkoutPooledConnection} checks a connection out, back
 *       in and out again while its statements are still being closed, so the application's
 *       acquires and leases would not be one each there;</li>
 *   <li>release: {@code C3P0PooledConnectionPool.checkinPooledConnection(PooledConnection)}, called
 *       on the application's thread by the pool's {@code ConnectionEventListener} when the proxy is
 *       closed, before c3p0 tests the connection and puts it back (on its own threads unless
 *       {@code forceSynchronousCheckins});</li>
 *   <li>reclaim and close: {@code BasicResourcePool.destroyResource(Object, boolean, boolean)}, called
 *       where the pool removes a resource: a checked-out one on a pool still open is one the cull
 *       task found out longer than {@code unreturnedConnectionTimeout}, reclaimed; any other is
 *       closed (idle, expired, failed its test, or the pool is closing). c3p0 destroys a connection
 *       that broke while out only when it is checked in, so that lease ends as a release;</li>
 *   <li>creation: {@code acquireResource()} of the pool's resource manager (a local class of
 *       {@code C3P0PooledConnectionPool}), where the driver is called, on c3p0's helper threads;
 *       its {@code this$0} is the pool.</li>
 * </ul>
 * A c3p0 whose classes lack any of these methods, or the fields the advice reads, is not
 * instrumented at all (see {@link #shape()}).
 */
public final class C3p0Adapter extends DeclaredAdapter {

    static final String POOL = "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool";
    static final String MANAGER = "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool$1PooledConnectionResourcePoolManager";
    static final String RESOURCE_POOL = "com.mchange.v2.resourcepool.BasicResourcePool";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "checkoutPooledConnection", 0, C3p0CheckoutAdvice.class),
            new Hook(POOL, "checkinPooledConnection", 1, C3p0CheckinAdvice.class),
            new Hook(RESOURCE_POOL, "destroyResource", 3, C3p0DestroyAdvice.class),
            new Hook(MANAGER, "acquireResource", 0, C3p0CreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(MANAGER, "this$0")          // C3p0CreateAdvice: the manager's pool
            .field(RESOURCE_POOL, "broken");   // C3p0DestroyAdvice: the pool is closing

    public C3p0Adapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new C3p0Introspector(), "0.9.5-0.14.x");
    }
}
