package io.poolscope.pools;

import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.List;

/**
 * One pool library: which of its classes to instrument and how to read its pool objects. An
 * adapter is data plus thin advice; the advice only calls {@link io.poolscope.bridge.Bridge}.
 */
public interface PoolAdapter {

    /** Names of the classes whose instances the advice hands to the bridge as "the pool". */
    List<String> poolClassNames();

    /** Adds this library's transformations. */
    AgentBuilder instrument(AgentBuilder builder);

    PoolIntrospector introspector();
}
