package io.poolscope.pools.ucp;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads UCP's {@code JDBCConnectionPool} through its public {@code UniversalConnectionPool} API: its
 * name ({@code connectionPoolName}), sizes, timeouts (UCP's are in seconds, its wait also as
 * {@code connectionWaitDuration}) and counters.
 */
final class UcpIntrospector implements PoolIntrospector {

    /** {@code UniversalConnectionPoolException} error codes of an acquire that waited in vain. */
    private static final int ALL_IN_USE = 45064;
    private static final int NONE_CREATED_IN_TIME = 45067;

    @Override
    public String library() {
        return "Oracle UCP";
    }

    @Override
    public String poolName(Object pool) {
        return Reflection.text(pool, "getName");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxPoolSize", pool, "getMaxPoolSize");
        Reflection.putGetter(settings, "minPoolSize", pool, "getMinPoolSize");
        Reflection.putGetter(settings, "initialPoolSize", pool, "getInitialPoolSize");
        Reflection.putGetter(settings, "connectionWaitDurationMs", pool, "getConnectionWaitDurationInMillis");
        Reflection.putGetter(settings, "abandonedConnectionTimeoutSec", pool, "getAbandonedConnectionTimeout");
        Reflection.putGetter(settings, "timeToLiveConnectionTimeoutSec", pool, "getTimeToLiveConnectionTimeout");
        Reflection.putGetter(settings, "inactiveConnectionTimeoutSec", pool, "getInactiveConnectionTimeout");
        Reflection.putGetter(settings, "timeoutCheckIntervalSec", pool, "getTimeoutCheckInterval");
        Reflection.putGetter(settings, "maxConnectionReuseTimeSec", pool, "getMaxConnectionReuseTime");
        Reflection.putGetter(settings, "maxConnectionReuseCount", pool, "getMaxConnectionReuseCount");
        Reflection.putGetter(settings, "validateConnectionOnBorrow", pool, "getValidateConnectionOnBorrow");
        Object factory = Reflection.call(pool, "getConnectionFactoryAdapter");
        Object dataSource = Reflection.call(factory, "getDataSource");
        Object driver = Reflection.call(factory, "getDriver");
        if (dataSource != null) {
            settings.put("connectionFactory", dataSource.getClass().getName());
        } else if (driver != null) {
            settings.put("connectionFactory", driver.getClass().getName());
        }
        String url = text(Reflection.call(factory, "getUrl")); // empty for a DataSource factory: ask the DataSource
        if (url == null) {
            url = text(Reflection.call(dataSource, "getURL"));
        }
        if (url == null) {
            url = text(Reflection.call(dataSource, "getUrl"));
        }
        if (url != null) {
            settings.put("url", Secrets.mask(url));
        }
        return settings;
    }

    private static String text(Object value) {
        return value == null || value.toString().trim().isEmpty() ? null : value.toString();
    }

    @Override
    public PoolCounters counters(Object pool) {
        Object statistics = Reflection.call(pool, "getStatistics");
        return new PoolCounters(
                Reflection.intValue(Reflection.call(pool, "getBorrowedConnectionsCount")),
                Reflection.intValue(Reflection.call(pool, "getAvailableConnectionsCount")),
                Reflection.intValue(Reflection.call(pool, "getTotalConnectionsCount")),
                Reflection.intValue(Reflection.call(statistics, "getPendingRequestsCount")));
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(pool, "getMaxPoolSize"));
    }

    /**
     * UCP has no "wait forever": {@code connectionWaitDuration} 0 means "do not wait", so 0 reads as
     * {@link #TIMEOUT_UNKNOWN} (no timeout line in dumps), never as {@link #WAITS_FOREVER}.
     */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        Object millis = Reflection.call(pool, "getConnectionWaitDurationInMillis");
        long value = millis instanceof Number ? ((Number) millis).longValue()
                : Reflection.intValue(Reflection.call(pool, "getConnectionWaitTimeout")) * 1000L;
        return value > 0 ? value : TIMEOUT_UNKNOWN;
    }

    /**
     * UCP's borrow throws {@code UniversalConnectionPoolException} UCP-45064 (all connections in use
     * until the wait ran out) or UCP-45067 (none could be created within it); getConnection wraps it
     * in {@code SQLException} UCP-29, which also wraps every other failure. UCP-45069 (the pool is
     * empty: every creation failed) counts as a failure.
     */
    @Override
    public boolean isTimeout(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
            if (current.getClass().getName().equals("oracle.ucp.UniversalConnectionPoolException")) {
                int code = Reflection.intValue(Reflection.call(current, "getErrorCode"));
                return code == ALL_IN_USE || code == NONE_CREATED_IN_TIME;
            }
        }
        return false;
    }

    /**
     * The creation advice hands over the pool's connection source (a {@code Database}, an inner
     * class of the pool) in place of the pool: its {@code getConnectionFactoryAdapter()} is the
     * pool's, whose {@code getUniversalConnectionPool()} is the pool.
     */
    @Override
    public Object poolOf(Object reported) {
        if (!isDatabase(reported.getClass())) {
            return reported;
        }
        Object factory = callDeclared(reported, "getConnectionFactoryAdapter");
        return Reflection.call(factory, "getUniversalConnectionPool");
    }

    private static boolean isDatabase(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(UcpAdapter.DATABASE)) {
                return true;
            }
        }
        return false;
    }

    /** A no-argument method declared (not necessarily public) in the object's class or a superclass, or {@code null}. */
    private static Object callDeclared(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Method method = type.getDeclaredMethod(name);
                method.setAccessible(true);
                return method.invoke(target);
            } catch (NoSuchMethodException e) {
                // declared higher up, or not at all
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("oracle.ucp.");
    }
}
