package io.poolscope.pools.druid;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code DruidDataSource} through its public getters. Its name is its own
 * ({@code setName}, else Druid's {@code DataSource-<identity hash>}).
 */
final class DruidIntrospector implements PoolIntrospector {

    static final String TIMEOUT_EXCEPTION = "com.alibaba.druid.pool.GetConnectionTimeoutException";

    @Override
    public String library() {
        return "Druid";
    }

    @Override
    public String poolName(Object pool) {
        return Reflection.text(pool, "getName");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxActive", pool, "getMaxActive");
        Reflection.putGetter(settings, "minIdle", pool, "getMinIdle");
        Reflection.putGetter(settings, "initialSize", pool, "getInitialSize");
        Reflection.putGetter(settings, "maxWaitMs", pool, "getMaxWait");
        Reflection.putGetter(settings, "maxWaitThreadCount", pool, "getMaxWaitThreadCount");
        Reflection.putGetter(settings, "notFullTimeoutRetryCount", pool, "getNotFullTimeoutRetryCount");
        Reflection.putGetter(settings, "testOnBorrow", pool, "isTestOnBorrow");
        Reflection.putGetter(settings, "testWhileIdle", pool, "isTestWhileIdle");
        Reflection.putGetter(settings, "validationQuery", pool, "getValidationQuery");
        Reflection.putGetter(settings, "timeBetweenEvictionRunsMs", pool, "getTimeBetweenEvictionRunsMillis");
        Reflection.putGetter(settings, "minEvictableIdleTimeMs", pool, "getMinEvictableIdleTimeMillis");
        Reflection.putGetter(settings, "maxEvictableIdleTimeMs", pool, "getMaxEvictableIdleTimeMillis");
        Reflection.putGetter(settings, "keepAlive", pool, "isKeepAlive");
        Reflection.putGetter(settings, "removeAbandoned", pool, "isRemoveAbandoned");
        Reflection.putGetter(settings, "removeAbandonedTimeoutMs", pool, "getRemoveAbandonedTimeoutMillis");
        Reflection.putGetter(settings, "phyTimeoutMs", pool, "getPhyTimeoutMillis");
        Reflection.putGetter(settings, "phyMaxUseCount", pool, "getPhyMaxUseCount");
        Reflection.putGetter(settings, "defaultAutoCommit", pool, "isDefaultAutoCommit");
        Reflection.putGetter(settings, "driverClassName", pool, "getDriverClassName");
        Reflection.putGetter(settings, "filters", pool, "getFilterClassNames");
        Object url = Reflection.call(pool, "getUrl");
        if (url != null) {
            settings.put("url", Secrets.mask(url.toString()));
        }
        return settings;
    }

    @Override
    public PoolCounters counters(Object pool) {
        int active = Reflection.intValue(Reflection.call(pool, "getActiveCount"));
        int idle = Reflection.intValue(Reflection.call(pool, "getPoolingCount"));
        int total = active < 0 || idle < 0 ? -1 : active + idle;
        return new PoolCounters(active, idle, total, Reflection.intValue(Reflection.call(pool, "getWaitThreadCount")));
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(pool, "getMaxActive"));
    }

    /** {@code maxWait} of 0 or less (the default is -1): Druid waits without a deadline. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        return PoolIntrospector.timeoutWhereZeroWaitsForever(Reflection.call(pool, "getMaxWait"));
    }

    @Override
    public boolean isTimeout(Throwable thrown) {
        return Reflection.isOfClassNamed(thrown, TIMEOUT_EXCEPTION);
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("com.alibaba.druid.");
    }
}
