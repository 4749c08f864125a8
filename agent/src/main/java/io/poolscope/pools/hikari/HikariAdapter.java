package io.poolscope.pools.hikari;

import io.poolscope.pools.Hook;
import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.PoolIntrospector;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * HikariCP 4.x to 7.x. The pool object is {@code HikariPool}; a physical connection is identified
 * by its {@code PoolEntry}, which HikariCP reuses for every lease of that connection.
 * <ul>
 *   <li>acquire: {@code HikariPool.getConnection(long)}, which holds the wait and throws the timeout;</li>
 *   <li>lease: {@code PoolEntry.createProxyConnection(..)} (one argument in 5+, two in 4), called once per successful borrow;</li>
 *   <li>release: {@code HikariPool.recycle(PoolEntry)}, called once per close of a borrowed connection;</li>
 *   <li>closed by the pool: {@code PoolEntry.close()}; a broken or evicted connection, or one aborted at
 *       shutdown, is closed there without going through {@code recycle};</li>
 *   <li>creation: {@code PoolBase.newConnection(..)} (no argument up to 5, one in 6+).</li>
 * </ul>
 */
public final class HikariAdapter implements PoolAdapter {

    private static final String POOL = "com.zaxxer.hikari.pool.HikariPool";

    private static final List<Hook> HOOKS = Collections.unmodifiableList(Arrays.asList(
            new Hook(POOL, named("getConnection").and(takesArguments(1)).and(takesArgument(0, long.class)),
                    HikariAcquireAdvice.class),
            new Hook(POOL, named("recycle").and(takesArguments(1)), HikariReleaseAdvice.class),
            new Hook("com.zaxxer.hikari.pool.PoolEntry", named("createProxyConnection"), HikariLeaseAdvice.class),
            new Hook("com.zaxxer.hikari.pool.PoolEntry", named("close").and(takesArguments(0)), HikariCloseAdvice.class),
            new Hook("com.zaxxer.hikari.pool.PoolBase", named("newConnection"), HikariCreateAdvice.class)));

    private final PoolIntrospector introspector = new HikariIntrospector();

    @Override
    public List<String> poolClassNames() {
        return Collections.singletonList(POOL);
    }

    @Override
    public List<Hook> hooks() {
        return HOOKS;
    }

    @Override
    public PoolIntrospector introspector() {
        return introspector;
    }
}
