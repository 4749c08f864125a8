package io.poolscope.pools.hikari;

import io.poolscope.pools.PoolAdapter;
import io.poolscope.pools.PoolIntrospector;
import net.bytebuddy.agent.builder.AgentBuilder;

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
 *   <li>creation: {@code PoolBase.newConnection(..)} (no argument up to 5, one in 6+).</li>
 * </ul>
 */
public final class HikariAdapter implements PoolAdapter {

    static final String POOL = "com.zaxxer.hikari.pool.HikariPool";
    private static final String POOL_ENTRY = "com.zaxxer.hikari.pool.PoolEntry";
    private static final String POOL_BASE = "com.zaxxer.hikari.pool.PoolBase";

    private final PoolIntrospector introspector = new HikariIntrospector();

    @Override
    public List<String> poolClassNames() {
        return Collections.singletonList(POOL);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder) {
        ClassLoader agentLoader = HikariAdapter.class.getClassLoader();
        return builder
                .type(named(POOL))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(named("getConnection").and(takesArguments(1)).and(takesArgument(0, long.class)),
                                HikariAcquireAdvice.class.getName())
                        .advice(named("recycle").and(takesArguments(1)), HikariReleaseAdvice.class.getName()))
                .type(named(POOL_ENTRY))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(named("createProxyConnection"), HikariLeaseAdvice.class.getName()))
                .type(named(POOL_BASE))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(agentLoader)
                        .advice(named("newConnection"), HikariCreateAdvice.class.getName()));
    }

    @Override
    public PoolIntrospector introspector() {
        return introspector;
    }
}
