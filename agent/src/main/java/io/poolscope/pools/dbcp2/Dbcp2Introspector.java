package io.poolscope.pools.dbcp2;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.PoolNames;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a {@code BasicDataSource} (of either package) through its public getters, and the number of
 * waiting threads from its {@code GenericObjectPool}, which it exposes through a protected getter
 * only. The getters used are those DBCP2 2.9 and Tomcat 9 to 11 all have.
 */
final class Dbcp2Introspector implements PoolIntrospector {

    private final String library;
    private final String namePrefix;
    private final List<String> framePrefixes;

    Dbcp2Introspector(String library, String namePrefix, List<String> framePrefixes) {
        this.library = library;
        this.namePrefix = namePrefix;
        this.framePrefixes = Collections.unmodifiableList(framePrefixes);
    }

    @Override
    public String library() {
        return library;
    }

    /** The data source's {@code jmxName} if set, else one derived from its URL ({@code dbcp2:jdbc:h2:mem:orders}). */
    @Override
    public String poolName(Object pool) {
        Object jmxName = Reflection.call(pool, "getJmxName");
        if (jmxName != null && !jmxName.toString().trim().isEmpty()) {
            return jmxName.toString().trim();
        }
        Object url = Reflection.call(pool, "getUrl");
        return url == null ? null : PoolNames.fromUrl(namePrefix, url.toString());
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxTotal", pool, "getMaxTotal");
        Reflection.putGetter(settings, "maxIdle", pool, "getMaxIdle");
        Reflection.putGetter(settings, "minIdle", pool, "getMinIdle");
        Reflection.putGetter(settings, "initialSize", pool, "getInitialSize");
        Reflection.putGetter(settings, "maxWaitMillis", pool, "getMaxWaitMillis");
        Reflection.putGetter(settings, "testOnBorrow", pool, "getTestOnBorrow");
        Reflection.putGetter(settings, "testWhileIdle", pool, "getTestWhileIdle");
        Reflection.putGetter(settings, "validationQuery", pool, "getValidationQuery");
        Reflection.putGetter(settings, "timeBetweenEvictionRunsMillis", pool, "getTimeBetweenEvictionRunsMillis");
        Reflection.putGetter(settings, "minEvictableIdleTimeMillis", pool, "getMinEvictableIdleTimeMillis");
        Reflection.putGetter(settings, "maxConnLifetimeMillis", pool, "getMaxConnLifetimeMillis");
        Reflection.putGetter(settings, "removeAbandonedOnBorrow", pool, "getRemoveAbandonedOnBorrow");
        Reflection.putGetter(settings, "removeAbandonedOnMaintenance", pool, "getRemoveAbandonedOnMaintenance");
        Reflection.putGetter(settings, "removeAbandonedTimeoutSeconds", pool, "getRemoveAbandonedTimeout");
        Reflection.putGetter(settings, "logAbandoned", pool, "getLogAbandoned");
        Reflection.putGetter(settings, "defaultAutoCommit", pool, "getDefaultAutoCommit");
        Reflection.putGetter(settings, "defaultReadOnly", pool, "getDefaultReadOnly");
        Reflection.putGetter(settings, "defaultTransactionIsolation", pool, "getDefaultTransactionIsolation");
        Reflection.putGetter(settings, "driverClassName", pool, "getDriverClassName");
        Reflection.putGetter(settings, "jmxName", pool, "getJmxName");
        Object url = Reflection.call(pool, "getUrl");
        if (url != null) {
            settings.put("url", Secrets.mask(url.toString()));
        }
        return settings;
    }

    @Override
    public PoolCounters counters(Object pool) {
        int active = Reflection.intValue(Reflection.call(pool, "getNumActive"));
        int idle = Reflection.intValue(Reflection.call(pool, "getNumIdle"));
        Object objectPool = Reflection.declaredField(pool, "connectionPool"); // null until the pool started
        int waiting = objectPool == null ? 0 : Reflection.intValue(Reflection.call(objectPool, "getNumWaiters"));
        int total = active >= 0 && idle >= 0 ? active + idle : -1;
        return new PoolCounters(active, idle, total, waiting);
    }

    /** {@code maxTotal}; a negative one means no limit. */
    @Override
    public int maxConnections(Object pool) {
        int max = Reflection.intValue(Reflection.call(pool, "getMaxTotal"));
        return max < 0 ? -1 : max;
    }

    /**
     * {@code maxWait}: negative (the default, -1) waits forever. Zero does not wait at all, which
     * the introspector's "0 = forever" cannot say: unknown.
     */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        Object maxWait = Reflection.call(pool, "getMaxWaitMillis");
        if (!(maxWait instanceof Number)) {
            return TIMEOUT_UNKNOWN;
        }
        long millis = ((Number) maxWait).longValue();
        return millis < 0 ? WAITS_FOREVER : millis == 0 ? TIMEOUT_UNKNOWN : millis;
    }

    /**
     * "Cannot get a connection, pool error Timeout waiting for idle object..." (or "Pool exhausted"
     * when the pool is set not to wait), caused by commons-pool2's {@code NoSuchElementException}.
     * A borrow that could not activate or validate a new connection throws that exception too,
     * with another message: a failure.
     */
    @Override
    public boolean isTimeout(Throwable thrown) {
        if (!(thrown instanceof SQLException) || !(thrown.getCause() instanceof NoSuchElementException)) {
            return false;
        }
        String message = thrown.getCause().getMessage();
        return message != null && (message.startsWith("Timeout waiting for idle object")
                || message.startsWith("Pool exhausted"));
    }

    @Override
    public List<String> framePrefixes() {
        return framePrefixes;
    }
}
