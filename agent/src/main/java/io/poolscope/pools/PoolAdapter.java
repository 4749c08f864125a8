package io.poolscope.pools;

import java.util.List;

/**
 * One pool library: the advice to inline into its classes and how to read its pool objects. An
 * adapter is data plus thin advice; the advice only calls {@link io.poolscope.bridge.Bridge}.
 *
 * <p>An adapter is applied as a unit: in each class loader, before the first of its classes is
 * transformed, the library's class files are checked against {@link #shape()}; if anything is
 * missing, none of its classes is transformed in that class loader and one line says why.
 */
public interface PoolAdapter {

    /** Names of the classes whose instances the advice hands to the bridge as "the pool". */
    List<String> poolClassNames();

    /**
     * Subclasses of a {@link #poolClassNames() pool class} that run its hooked methods but are not
     * recorded (a variant the advice cannot follow): no pool is made for them.
     */
    default List<String> excludedPoolClassNames() {
        return java.util.Collections.emptyList();
    }

    /** The advice, by class and method. Classes are matched by exact name, methods by name and arity. */
    List<Hook> hooks();

    PoolIntrospector introspector();

    /** The library versions this adapter is written and tested for, as text for people ("2.7-7.x"). */
    String supportedVersions();

    /** What the advice needs of the library's classes: the hooks' methods plus the fields the advice reads. */
    Shape shape();

    /**
     * Prefixes of the library's class names that the generic fallback (option {@code generic}) leaves
     * to this adapter: its data sources and connection classes. The introspector's frame prefixes,
     * unless the library shares a package with classes that are no pool (H2's pool and its driver's
     * {@code JdbcDataSource}).
     */
    default List<String> genericExclusions() {
        return introspector().framePrefixes();
    }
}
