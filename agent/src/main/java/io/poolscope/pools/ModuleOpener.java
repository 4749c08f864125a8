package io.poolscope.pools;

/**
 * Opens a pool library's package to poolscope, so that {@link Reflection} can read a member that
 * needs {@code setAccessible} (HikariCP's {@code PoolBase.config}) when the library runs as a named
 * module that exports its packages but does not open them. Only the agent can do this (it holds the
 * {@code Instrumentation}); it sets its opener with {@link Reflection#moduleOpener}. Until then,
 * and in tests, {@link #NONE} opens nothing.
 */
public interface ModuleOpener {

    /** Opens nothing: a member of a package that is not open stays unread. */
    ModuleOpener NONE = (type, reader) -> false;

    /**
     * Opens the package of {@code type} to {@code reader} if the package is in a named module that
     * does not open it yet. Called off the hot path, when a pool is read; never throws.
     *
     * @return whether the package is open to {@code reader} now
     */
    boolean open(Class<?> type, Module reader);
}
