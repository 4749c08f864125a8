package io.poolscope.pools.hikari;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@code HikariPool} through its public API: {@code config} (a HikariConfig) and its counters. */
final class HikariIntrospector implements PoolIntrospector {

    @Override
    public String library() {
        return "HikariCP";
    }

    @Override
    public String poolName(Object pool) {
        return Reflection.text(Reflection.field(pool, "config"), "getPoolName");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Object config = Reflection.field(pool, "config");
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maximumPoolSize", config, "getMaximumPoolSize");
        Reflection.putGetter(settings, "minimumIdle", config, "getMinimumIdle");
        Reflection.putGetter(settings, "connectionTimeoutMs", config, "getConnectionTimeout");
        Reflection.putGetter(settings, "idleTimeoutMs", config, "getIdleTimeout");
        Reflection.putGetter(settings, "maxLifetimeMs", config, "getMaxLifetime");
        Reflection.putGetter(settings, "keepaliveTimeMs", config, "getKeepaliveTime");
        Reflection.putGetter(settings, "validationTimeoutMs", config, "getValidationTimeout");
        Reflection.putGetter(settings, "leakDetectionThresholdMs", config, "getLeakDetectionThreshold");
        Reflection.putGetter(settings, "autoCommit", config, "isAutoCommit");
        Reflection.putGetter(settings, "readOnly", config, "isReadOnly");
        Reflection.putGetter(settings, "transactionIsolation", config, "getTransactionIsolation");
        Reflection.putGetter(settings, "dataSourceClassName", config, "getDataSourceClassName");
        Reflection.putGetter(settings, "driverClassName", config, "getDriverClassName");
        Object url = Reflection.call(config, "getJdbcUrl");
        if (url != null) {
            settings.put("jdbcUrl", Secrets.mask(url.toString()));
        }
        return settings;
    }

    @Override
    public PoolCounters counters(Object pool) {
        return new PoolCounters(
                Reflection.intValue(Reflection.call(pool, "getActiveConnections")),
                Reflection.intValue(Reflection.call(pool, "getIdleConnections")),
                Reflection.intValue(Reflection.call(pool, "getTotalConnections")),
                Reflection.intValue(Reflection.call(pool, "getThreadsAwaitingConnection")));
    }

    /** HikariCP turns {@code connectionTimeout=0} into {@code Integer.MAX_VALUE} ms: waiting forever. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        Object timeout = Reflection.call(Reflection.field(pool, "config"), "getConnectionTimeout");
        if (!(timeout instanceof Number)) {
            return TIMEOUT_UNKNOWN;
        }
        long millis = ((Number) timeout).longValue();
        return millis >= Integer.MAX_VALUE ? WAITS_FOREVER : millis;
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(Reflection.field(pool, "config"), "getMaximumPoolSize"));
    }

    @Override
    public boolean isTimeout(Throwable thrown) {
        return thrown instanceof SQLTransientConnectionException;
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("com.zaxxer.hikari.");
    }
}
