package io.poolscope.pools.vibur;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.sql.SQLTimeoutException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code ViburDBCPDataSource} through its public API: its {@code ViburConfig} getters and
 * its object pool ({@code getPool()}, a {@code PoolService}). Never the user or the password. The
 * object pool does not tell how many threads wait on it: waiting is unknown (-1).
 */
final class ViburIntrospector implements PoolIntrospector {

    @Override
    public String library() {
        return "Vibur DBCP";
    }

    /** {@code getName()}: the configured name, else "p1", "p2", … as Vibur numbers its data sources. */
    @Override
    public String poolName(Object pool) {
        return Reflection.text(pool, "getName");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "poolMaxSize", pool, "getPoolMaxSize");
        Reflection.putGetter(settings, "poolInitialSize", pool, "getPoolInitialSize");
        Reflection.putGetter(settings, "poolFair", pool, "isPoolFair");
        Reflection.putGetter(settings, "poolEnableConnectionTracking", pool, "isPoolEnableConnectionTracking");
        Reflection.putGetter(settings, "connectionTimeoutInMs", pool, "getConnectionTimeoutInMs");
        Reflection.putGetter(settings, "loginTimeoutInSeconds", pool, "getLoginTimeoutInSeconds");
        Reflection.putGetter(settings, "acquireRetryAttempts", pool, "getAcquireRetryAttempts");
        Reflection.putGetter(settings, "acquireRetryDelayInMs", pool, "getAcquireRetryDelayInMs");
        Reflection.putGetter(settings, "connectionIdleLimitInSeconds", pool, "getConnectionIdleLimitInSeconds");
        Reflection.putGetter(settings, "validateTimeoutInSeconds", pool, "getValidateTimeoutInSeconds");
        Reflection.putGetter(settings, "testConnectionQuery", pool, "getTestConnectionQuery");
        Reflection.putGetter(settings, "reducerTimeIntervalInSeconds", pool, "getReducerTimeIntervalInSeconds");
        Reflection.putGetter(settings, "statementCacheMaxSize", pool, "getStatementCacheMaxSize");
        Reflection.putGetter(settings, "logConnectionLongerThanMs", pool, "getLogConnectionLongerThanMs");
        Reflection.putGetter(settings, "logTakenConnectionsOnTimeout", pool, "isLogTakenConnectionsOnTimeout");
        Reflection.putGetter(settings, "defaultAutoCommit", pool, "getDefaultAutoCommit");
        Reflection.putGetter(settings, "defaultReadOnly", pool, "getDefaultReadOnly");
        Reflection.putGetter(settings, "defaultTransactionIsolation", pool, "getDefaultTransactionIsolation");
        Reflection.putGetter(settings, "driverClassName", pool, "getDriverClassName");
        Object url = Reflection.call(pool, "getJdbcUrl");
        if (url != null) {
            settings.put("jdbcUrl", Secrets.mask(url.toString()));
        }
        return settings;
    }

    /** Taken, remaining created (idle) and created total, as the object pool counts them. */
    @Override
    public PoolCounters counters(Object pool) {
        Object objects = Reflection.call(pool, "getPool");
        if (objects == null) {
            return PoolCounters.UNKNOWN; // not started
        }
        return new PoolCounters(
                Reflection.intValue(Reflection.call(objects, "taken")),
                Reflection.intValue(Reflection.call(objects, "remainingCreated")),
                Reflection.intValue(Reflection.call(objects, "createdTotal")),
                -1);
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(pool, "getPoolMaxSize"));
    }

    /** {@code connectionTimeoutInMs}; 0 makes {@code getConnHolder} take without a limit. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        return PoolIntrospector.timeoutWhereZeroWaitsForever(Reflection.call(pool, "getConnectionTimeoutInMs"));
    }

    /** Vibur's SQLState of its own timeout ({@code ViburConfig.SQLSTATE_TIMEOUT_ERROR}). */
    static final String TIMEOUT_SQL_STATE = "VI002";

    /**
     * "Pool …, couldn't obtain SQL connection within N ms.": a {@code SQLTimeoutException} with
     * Vibur's timeout SQLState, not a driver's own {@code SQLTimeoutException} passed on after the
     * connection attempts failed.
     */
    @Override
    public boolean isTimeout(Throwable thrown) {
        return thrown instanceof SQLTimeoutException
                && TIMEOUT_SQL_STATE.equals(((SQLTimeoutException) thrown).getSQLState());
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("org.vibur.");
    }
}
