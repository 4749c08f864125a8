package io.poolscope.pools;

import java.util.List;

/**
 * One pool library: the advice to inline into its classes and how to read its pool objects. An
 * adapter is data plus thin advice; the advice only calls {@link io.poolscope.bridge.Bridge}.
 */
public interface PoolAdapter {

    /** Names of the classes whose instances the advice hands to the bridge as "the pool". */
    List<String> poolClassNames();

    /** The advice, by class and method. Classes are matched by exact name, methods by name and arity. */
    List<Hook> hooks();

    PoolIntrospector introspector();
}
