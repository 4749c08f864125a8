package io.poolscope.pools;

import java.util.List;
import java.util.Map;

/**
 * What poolscope needs to know about a pool object of one library, read off the hot path (when a
 * pool is first seen, by the scanner, by dumps). Implementations never throw: a value they cannot
 * read is left out.
 */
public interface PoolIntrospector {

    /** The library, e.g. "HikariCP". */
    String library();

    /** The pool's own name, or {@code null} to let poolscope derive one. */
    String poolName(Object pool);

    /** Configuration as the pool sees it, in a stable order; never credentials. */
    Map<String, String> settings(Object pool);

    /** The pool's own live counters. */
    PoolCounters counters(Object pool);

    /** The maximum number of connections, or -1 if unknown or unlimited. */
    int maxConnections(Object pool);

    /** {@link #acquireTimeoutMillis}: the pool is set to wait for a connection for as long as it takes. */
    long WAITS_FOREVER = 0;
    /** {@link #acquireTimeoutMillis}: the pool's acquire timeout could not be read. */
    long TIMEOUT_UNKNOWN = -1;

    /**
     * How long the pool lets an acquire wait, in milliseconds: {@link #WAITS_FOREVER} when it is set
     * to wait forever (c3p0's {@code checkoutTimeout=0}, DBCP2's {@code maxWait=-1}, ...), or
     * {@link #TIMEOUT_UNKNOWN}.
     */
    default long acquireTimeoutMillis(Object pool) {
        return TIMEOUT_UNKNOWN;
    }

    /** A timeout setting in milliseconds where 0 or less means "wait forever" (Druid, Tomcat JDBC, Vibur, c3p0). */
    static long timeoutWhereZeroWaitsForever(Object millisSetting) {
        if (!(millisSetting instanceof Number)) {
            return TIMEOUT_UNKNOWN;
        }
        long millis = ((Number) millisSetting).longValue();
        return millis <= 0 ? WAITS_FOREVER : millis;
    }

    /**
     * The pool object that {@code reported}, an object an advice hands to the bridge as the pool,
     * belongs to: {@code reported} itself, or, where a hook reaches only a part of the pool (Oracle
     * UCP's connection source, where it opens connections), the pool that part belongs to, so both
     * count in one pool; {@code null} when that cannot be read. Called once per object, off the hot path.
     */
    default Object poolOf(Object reported) {
        return reported;
    }

    /** Whether an exception thrown by the acquire method is the pool's own timeout. */
    boolean isTimeout(Throwable thrown);

    /** Package prefixes of the library's classes, trimmed from acquisition stacks. */
    List<String> framePrefixes();
}
