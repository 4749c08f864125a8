package io.poolscope.pools.dbcp2;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.PoolNames;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Secrets;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a {@code BasicDataSource} (of either package) without taking its monitor: most of its
 * getters are {@code synchronized}, and the data source holds its monitor while it starts the pool,
 * opening connections (on an application thread that reports to poolscope meanwhile). A pool is
 * first read while poolscope registers it, under a lock that such a thread may wait for: a
 * synchronized getter there would deadlock. So the settings are read from the data source's fields
 * (named differently where 2.10 turned milliseconds into {@code Duration}s) and from its
 * unsynchronized getters; the number of waiting threads from its {@code GenericObjectPool}.
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
        Object url = url(pool);
        return url == null ? null : PoolNames.fromUrl(namePrefix, url.toString());
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        putField(settings, "maxTotal", pool, "maxTotal");
        putField(settings, "maxIdle", pool, "maxIdle");
        putField(settings, "minIdle", pool, "minIdle");
        putField(settings, "initialSize", pool, "initialSize");
        putMillis(settings, "maxWaitMillis", pool, "maxWaitMillis", "maxWaitDuration");
        putField(settings, "testOnBorrow", pool, "testOnBorrow");
        putField(settings, "testWhileIdle", pool, "testWhileIdle");
        Reflection.putGetter(settings, "validationQuery", pool, "getValidationQuery");
        putMillis(settings, "timeBetweenEvictionRunsMillis", pool, "timeBetweenEvictionRunsMillis",
                "durationBetweenEvictionRuns");
        putMillis(settings, "minEvictableIdleTimeMillis", pool, "minEvictableIdleTimeMillis", "minEvictableIdleDuration");
        Reflection.putGetter(settings, "maxConnLifetimeMillis", pool, "getMaxConnLifetimeMillis");
        Reflection.putGetter(settings, "removeAbandonedOnBorrow", pool, "getRemoveAbandonedOnBorrow");
        Reflection.putGetter(settings, "removeAbandonedOnMaintenance", pool, "getRemoveAbandonedOnMaintenance");
        Reflection.putGetter(settings, "removeAbandonedTimeoutSeconds", pool, "getRemoveAbandonedTimeout");
        Reflection.putGetter(settings, "logAbandoned", pool, "getLogAbandoned");
        Reflection.putGetter(settings, "defaultAutoCommit", pool, "getDefaultAutoCommit");
        Reflection.putGetter(settings, "defaultReadOnly", pool, "getDefaultReadOnly");
        Reflection.putGetter(settings, "defaultTransactionIsolation", pool, "getDefaultTransactionIsolation");
        putField(settings, "driverClassName", pool, "driverClassName");
        Reflection.putGetter(settings, "jmxName", pool, "getJmxName");
        Object url = url(pool);
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
        int max = Reflection.intValue(Reflection.declaredField(pool, "maxTotal"));
        return max < 0 ? -1 : max;
    }

    /**
     * {@code maxWait}: negative (the default, -1) waits forever. Zero does not wait at all, which
     * the introspector's "0 = forever" cannot say: unknown.
     */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        Long maxWait = millis(pool, "maxWaitMillis", "maxWaitDuration");
        if (maxWait == null) {
            return TIMEOUT_UNKNOWN;
        }
        long millis = maxWait;
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

    /** The URL: {@code url} up to 2.9, {@code connectionString} since. */
    private static Object url(Object pool) {
        Object url = Reflection.declaredField(pool, "connectionString");
        return url != null ? url : Reflection.declaredField(pool, "url");
    }

    private static void putField(Map<String, String> settings, String key, Object pool, String field) {
        Object value = Reflection.declaredField(pool, field);
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }

    private static void putMillis(Map<String, String> settings, String key, Object pool, String millisField,
                                  String durationField) {
        Long millis = millis(pool, millisField, durationField);
        if (millis != null) {
            settings.put(key, String.valueOf(millis));
        }
    }

    /** A time setting in milliseconds: a {@code long} field up to 2.9, a {@code Duration} field since 2.10. */
    private static Long millis(Object pool, String millisField, String durationField) {
        Object value = Reflection.declaredField(pool, durationField);
        if (value instanceof Duration) {
            return ((Duration) value).toMillis();
        }
        value = Reflection.declaredField(pool, millisField);
        return value instanceof Number ? ((Number) value).longValue() : null;
    }
}
