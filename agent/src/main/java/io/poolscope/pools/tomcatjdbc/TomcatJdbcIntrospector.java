package io.poolscope.pools.tomcatjdbc;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Tomcat JDBC {@code ConnectionPool} through its public API: its counters and its
 * {@code PoolConfiguration} ({@code getPoolProperties()}). Never the password, the user, the
 * {@code connectionProperties} or the {@code dbProperties}, which hold the credentials.
 */
final class TomcatJdbcIntrospector implements PoolIntrospector {

    static final String TIMEOUT_EXCEPTION = "org.apache.tomcat.jdbc.pool.PoolExhaustedException";

    @Override
    public String library() {
        return "Tomcat JDBC";
    }

    /** {@code PoolConfiguration.getName()}: the configured name, else "Tomcat Connection Pool[N-…]". */
    @Override
    public String poolName(Object pool) {
        return Reflection.text(pool, "getName");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Object config = Reflection.call(pool, "getPoolProperties");
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxActive", config, "getMaxActive");
        Reflection.putGetter(settings, "maxIdle", config, "getMaxIdle");
        Reflection.putGetter(settings, "minIdle", config, "getMinIdle");
        Reflection.putGetter(settings, "initialSize", config, "getInitialSize");
        Reflection.putGetter(settings, "maxWaitMs", config, "getMaxWait");
        Reflection.putGetter(settings, "maxAgeMs", config, "getMaxAge");
        Reflection.putGetter(settings, "fairQueue", config, "isFairQueue");
        Reflection.putGetter(settings, "testOnBorrow", config, "isTestOnBorrow");
        Reflection.putGetter(settings, "testOnReturn", config, "isTestOnReturn");
        Reflection.putGetter(settings, "testWhileIdle", config, "isTestWhileIdle");
        Reflection.putGetter(settings, "testOnConnect", config, "isTestOnConnect");
        Reflection.putGetter(settings, "validationQuery", config, "getValidationQuery");
        Reflection.putGetter(settings, "validationIntervalMs", config, "getValidationInterval");
        Reflection.putGetter(settings, "timeBetweenEvictionRunsMs", config, "getTimeBetweenEvictionRunsMillis");
        Reflection.putGetter(settings, "minEvictableIdleTimeMs", config, "getMinEvictableIdleTimeMillis");
        Reflection.putGetter(settings, "removeAbandoned", config, "isRemoveAbandoned");
        Reflection.putGetter(settings, "removeAbandonedTimeoutSeconds", config, "getRemoveAbandonedTimeout");
        Reflection.putGetter(settings, "abandonWhenPercentageFull", config, "getAbandonWhenPercentageFull");
        Reflection.putGetter(settings, "suspectTimeoutSeconds", config, "getSuspectTimeout");
        Reflection.putGetter(settings, "logAbandoned", config, "isLogAbandoned");
        Reflection.putGetter(settings, "defaultAutoCommit", config, "getDefaultAutoCommit");
        Reflection.putGetter(settings, "defaultReadOnly", config, "getDefaultReadOnly");
        Reflection.putGetter(settings, "defaultTransactionIsolation", config, "getDefaultTransactionIsolation");
        Reflection.putGetter(settings, "driverClassName", config, "getDriverClassName");
        Object url = Reflection.call(config, "getUrl");
        if (url != null) {
            settings.put("url", Secrets.mask(url.toString()));
        }
        return settings;
    }

    /** Busy, idle, open ({@code getSize}) and waiting threads, as the pool counts them. */
    @Override
    public PoolCounters counters(Object pool) {
        return new PoolCounters(
                Reflection.intValue(Reflection.call(pool, "getActive")),
                Reflection.intValue(Reflection.call(pool, "getIdle")),
                Reflection.intValue(Reflection.call(pool, "getSize")),
                Reflection.intValue(Reflection.call(pool, "getWaitCount")));
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(Reflection.call(pool, "getPoolProperties"), "getMaxActive"));
    }

    /** {@code maxWait}; {@code borrowConnection} waits without a limit when it is 0 or less. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        return PoolIntrospector.timeoutWhereZeroWaitsForever(Reflection.call(Reflection.call(pool, "getPoolProperties"), "getMaxWait"));
    }

    /** {@code PoolExhaustedException} ("Timeout: Pool empty. Unable to fetch a connection in N seconds…"), by name. */
    @Override
    public boolean isTimeout(Throwable thrown) {
        return Reflection.isOfClassNamed(thrown, TIMEOUT_EXCEPTION);
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("org.apache.tomcat.jdbc.pool.");
    }
}
