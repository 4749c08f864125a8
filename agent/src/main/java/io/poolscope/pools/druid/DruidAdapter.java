package io.poolscope.pools.druid;

import io.poolscope.pools.DeclaredAdapter;
import io.poolscope.pools.Hook;
import io.poolscope.pools.Shape;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Alibaba Druid 1.1.x and 1.2.x ({@code com.alibaba:druid}). The pool object is {@code DruidDataSource}; a
 * physical connection is identified by its {@code DruidConnectionHolder}, which Druid keeps for the
 * life of that connection (the application holds a new {@code DruidPooledConnection} per lease).
 * The shapes of {@code org.example.fakepool.PoolShapes.Wrapper} (one acquire hooked at three levels
 * of one call) and {@code SplitObjects} (the release is on the connection object).
 * <ul>
 *   <li>acquire: {@code DruidDataSource.getConnection(long)} (what {@code getConnection()} calls; it
 *       initialises the pool on first use and runs the filter chain), {@code getConnectionDirect(long)}
 *       (what the last filter calls) and {@code getConnectionInternal(long)}, where the wait happens;
 *       nested in one another they count once;</li>
 *   <li>lease: {@code DruidConnectionHolder.incrementUseCount()}, which {@code getConnectionInternal}
 *       calls once per checkout, just before it wraps the holder for the application. A holder that
 *       {@code getConnectionDirect} then finds dead ({@code testOnBorrow}, {@code testWhileIdle}, a
 *       closed connection) is discarded: that lease ends as closed by the pool, and Druid's next try
 *       is another acquire;</li>
 *   <li>timeout: {@code GetConnectionTimeoutException} ("wait millis N, active N, maxActive N, ...")
 *       thrown out of the acquire;</li>
 *   <li>release: {@code DruidPooledConnection.recycle()}, which {@code close()} reaches directly or
 *       through the filter chain, before {@code DruidDataSource.recycle} puts the holder back (that
 *       method gets the per-lease object only; {@code recycle()} holds the holder in a field);</li>
 *   <li>closed by the pool: {@code DruidDataSource.discardConnection(DruidConnectionHolder)}; a connection
 *       in use is discarded there after a fatal SQL error (the exception sorter);</li>
 *   <li>reclaimed: with {@code removeAbandoned}, {@code DruidDataSource.removeAbandoned()} (the destroy
 *       thread, every {@code timeBetweenEvictionRunsMillis}) takes each connection held longer than
 *       {@code removeAbandonedTimeout} from its holder, marking it first with
 *       {@code DruidPooledConnection.setTraceEnable(false)} on its own thread, then closing it, which
 *       puts the holder back in the pool;</li>
 *   <li>creation: {@code DruidAbstractDataSource.createPhysicalConnection()}, on Druid's create thread
 *       (or the acquiring thread when Druid creates directly).</li>
 * </ul>
 */
public final class DruidAdapter extends DeclaredAdapter {

    static final String POOL = "com.alibaba.druid.pool.DruidDataSource";
    private static final String ABSTRACT_POOL = "com.alibaba.druid.pool.DruidAbstractDataSource";
    private static final String HOLDER = "com.alibaba.druid.pool.DruidConnectionHolder";
    private static final String POOLED = "com.alibaba.druid.pool.DruidPooledConnection";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, "getConnection", 1, DruidAcquireAdvice.class),
            new Hook(POOL, "getConnectionDirect", 1, DruidAcquireAdvice.class),
            new Hook(POOL, "getConnectionInternal", 1, DruidAcquireAdvice.class),
            new Hook(HOLDER, "incrementUseCount", 0, DruidLeaseAdvice.class),
            new Hook(POOLED, "recycle", 0, DruidReleaseAdvice.class),
            new Hook(POOL, named("discardConnection").and(takesArguments(1)).and(takesArgument(0, named(HOLDER))),
                    DruidDiscardAdvice.class),
            new Hook(POOLED, "setTraceEnable", 1, DruidReclaimAdvice.class),
            new Hook(ABSTRACT_POOL, "createPhysicalConnection", 0, DruidCreateAdvice.class)));

    /** The hooks' methods and the fields their advice reads. */
    private static final Shape SHAPE = Shape.of(HOOKS)
            .field(HOLDER, "dataSource")     // DruidLeaseAdvice: the holder's pool
            .field(POOLED, "holder")         // DruidReleaseAdvice, DruidReclaimAdvice: the lease's key
            .field(POOLED, "ownerThread");   // DruidReclaimAdvice: taken back by another thread

    public DruidAdapter() {
        super(Collections.singletonList(POOL), HOOKS, SHAPE, new DruidIntrospector(), "1.1.x-1.2.x");
    }
}
