package io.poolscope.pools.c3p0;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code C3P0PooledConnectionPool}: its counters through its public getters, its maximum
 * size and checkout timeout from the pool itself (a per-user configuration may differ from the data
 * source's), its name and the rest of its configuration from the data source it belongs to, found
 * in c3p0's registry (see {@link #dataSource}).
 */
final class C3p0Introspector implements PoolIntrospector {

    private static final String REGISTRY = "com.mchange.v2.c3p0.C3P0Registry";
    private static final String TIMEOUT_CAUSE = "com.mchange.v2.resourcepool.TimeoutException";
    private static final String TIMEOUT_MESSAGE = "An attempt by a client to checkout a Connection has timed out";

    /** Getters of a c3p0 data source shown as settings, as c3p0 names its properties; never user or password. */
    private static final String[][] SETTINGS = {
            {"maxPoolSize", "getMaxPoolSize"},
            {"minPoolSize", "getMinPoolSize"},
            {"initialPoolSize", "getInitialPoolSize"},
            {"acquireIncrement", "getAcquireIncrement"},
            {"checkoutTimeoutMs", "getCheckoutTimeout"},
            {"unreturnedConnectionTimeoutSeconds", "getUnreturnedConnectionTimeout"},
            {"debugUnreturnedConnectionStackTraces", "isDebugUnreturnedConnectionStackTraces"},
            {"maxIdleTimeSeconds", "getMaxIdleTime"},
            {"maxIdleTimeExcessConnectionsSeconds", "getMaxIdleTimeExcessConnections"},
            {"maxConnectionAgeSeconds", "getMaxConnectionAge"},
            {"idleConnectionTestPeriodSeconds", "getIdleConnectionTestPeriod"},
            {"testConnectionOnCheckout", "isTestConnectionOnCheckout"},
            {"testConnectionOnCheckin", "isTestConnectionOnCheckin"},
            {"maxStatements", "getMaxStatements"},
            {"maxStatementsPerConnection", "getMaxStatementsPerConnection"},
            {"acquireRetryAttempts", "getAcquireRetryAttempts"},
            {"acquireRetryDelayMs", "getAcquireRetryDelay"},
            {"breakAfterAcquireFailure", "isBreakAfterAcquireFailure"},
            {"forceSynchronousCheckins", "isForceSynchronousCheckins"},
            {"numHelperThreads", "getNumHelperThreads"},
            {"driverClass", "getDriverClass"},
    };

    @Override
    public String library() {
        return "c3p0";
    }

    /** The data source's {@code dataSourceName}, which c3p0 sets to its identity token unless told otherwise. */
    @Override
    public String poolName(Object pool) {
        Object name = Reflection.call(dataSource(pool), "getDataSourceName");
        if (name != null) {
            return name.toString();
        }
        return identityToken(pool); // null: poolscope names it "c3p0-N"
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Object dataSource = dataSource(pool);
        for (String[] setting : SETTINGS) {
            Reflection.putGetter(settings, setting[0], dataSource, setting[1]);
        }
        Object url = Reflection.call(dataSource, "getJdbcUrl");
        if (url != null) {
            settings.put("jdbcUrl", Secrets.mask(url.toString()));
        }
        // the pool's own values, which a per-user configuration may set apart from the data source's
        int max = maxConnections(pool);
        if (max >= 0) {
            settings.put("maxPoolSize", Integer.toString(max));
        }
        Object checkoutTimeout = Reflection.declaredField(pool, "checkoutTimeout");
        if (checkoutTimeout != null) {
            settings.put("checkoutTimeoutMs", checkoutTimeout.toString());
        }
        return settings;
    }

    @Override
    public PoolCounters counters(Object pool) {
        return new PoolCounters(
                Reflection.intValue(Reflection.call(pool, "getNumBusyConnections")),
                Reflection.intValue(Reflection.call(pool, "getNumIdleConnections")),
                Reflection.intValue(Reflection.call(pool, "getNumConnections")),
                Reflection.intValue(Reflection.call(pool, "getNumThreadsAwaitingCheckout")));
    }

    /** The {@code max} of the pool's {@code BasicResourcePool}. */
    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.declaredField(Reflection.declaredField(pool, "rp"), "max"));
    }

    /** c3p0's {@code checkoutTimeout} (ms); 0, its default, waits forever. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        return PoolIntrospector.timeoutWhereZeroWaitsForever(Reflection.declaredField(pool, "checkoutTimeout"));
    }

    @Override
    public boolean isTimeout(Throwable thrown) {
        if (!(thrown instanceof SQLException)) {
            return false;
        }
        Throwable cause = thrown.getCause();
        if (cause != null && cause.getClass().getName().equals(TIMEOUT_CAUSE)) {
            return true;
        }
        String message = thrown.getMessage();
        return message != null && message.startsWith(TIMEOUT_MESSAGE);
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.unmodifiableList(Arrays.asList("com.mchange.v2.c3p0.", "com.mchange.v2.resourcepool."));
    }

    /** The identity token of the pool's data source, captured by the pool's resource manager. */
    static String identityToken(Object pool) {
        Object manager = Reflection.declaredField(Reflection.declaredField(pool, "rp"), "mgr");
        Object token = Reflection.declaredField(manager, "val$parentDataSourceIdentityToken");
        return token == null ? null : token.toString();
    }

    /**
     * The registered c3p0 data source the pool belongs to, or {@code null}: the one whose identity
     * token the pool's resource manager keeps or, while the pool is still being constructed (its
     * first connections are opened on c3p0's threads before its {@code rp} is set, and poolscope may
     * see the pool first there), the one whose pool manager's task runner the pool shares.
     */
    static Object dataSource(Object pool) {
        if (pool == null) {
            return null;
        }
        String token = identityToken(pool);
        Object taskRunner = token == null ? Reflection.declaredField(pool, "sharedTaskRunner") : null;
        if (token == null && taskRunner == null) {
            return null;
        }
        Object registered = Reflection.callStatic(pool.getClass().getClassLoader(), REGISTRY, "getPooledDataSources");
        if (!(registered instanceof Iterable)) {
            return null;
        }
        for (Object dataSource : (Iterable<?>) registered) { // a copy c3p0 makes for its caller
            if (token != null ? token.equals(Reflection.call(dataSource, "getIdentityToken"))
                    : Reflection.declaredField(Reflection.declaredField(dataSource, "poolManager"), "taskRunner") == taskRunner) {
                return dataSource;
            }
        }
        return null;
    }
}
