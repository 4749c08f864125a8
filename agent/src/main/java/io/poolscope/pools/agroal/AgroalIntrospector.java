package io.poolscope.pools.agroal;

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
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Agroal {@code ConnectionPool} through its public API: {@code getConfiguration()} (the
 * pool's and the connection factory's configuration, interfaces of {@code io.agroal.api}) and its
 * counters. Agroal has no pool name: the name is derived from the JDBC URL ({@code agroal:jdbc:...}).
 *
 * <p>Agroal 1 and 2 count the connections in use themselves ({@code activeCount()}); Agroal 3 does so only
 * while the data source's metrics are on, and otherwise its {@code activeCount()} stays 0. Then the
 * counters are read off the pool's list of connections ({@code allConnections}) and the state of
 * each handler, as Agroal's own {@code isActive} reads it: checked out, or flushed while in use.
 */
final class AgroalIntrospector implements PoolIntrospector {

    @Override
    public String library() {
        return "Agroal";
    }

    @Override
    public String poolName(Object pool) {
        Object url = Reflection.call(factoryConfiguration(pool), "jdbcUrl");
        return url == null ? null : PoolNames.fromUrl("agroal", url.toString());
    }

    private static Object configuration(Object pool) {
        return Reflection.call(pool, "getConfiguration");
    }

    private static Object factoryConfiguration(Object pool) {
        return Reflection.call(configuration(pool), "connectionFactoryConfiguration");
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Object config = configuration(pool);
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxSize", config, "maxSize");
        Reflection.putGetter(settings, "minSize", config, "minSize");
        Reflection.putGetter(settings, "initialSize", config, "initialSize");
        putMillis(settings, "acquisitionTimeoutMs", config, "acquisitionTimeout");
        putMillis(settings, "leakTimeoutMs", config, "leakTimeout");
        putMillis(settings, "validationTimeoutMs", config, "validationTimeout");
        putMillis(settings, "idleValidationTimeoutMs", config, "idleValidationTimeout");
        putMillis(settings, "reapTimeoutMs", config, "reapTimeout");
        putMillis(settings, "maxLifetimeMs", config, "maxLifetime");
        Reflection.putGetter(settings, "validateOnBorrow", config, "validateOnBorrow");
        Reflection.putGetter(settings, "flushOnClose", config, "flushOnClose");
        Reflection.putGetter(settings, "enhancedLeakReport", config, "enhancedLeakReport");
        Reflection.putGetter(settings, "transactionRequirement", config, "transactionRequirement");
        Reflection.putGetter(settings, "multipleAcquisition", config, "multipleAcquisition");
        Object factory = factoryConfiguration(pool);
        Reflection.putGetter(settings, "autoCommit", factory, "autoCommit");
        Reflection.putGetter(settings, "readOnly", factory, "readOnly");
        putMillis(settings, "loginTimeoutMs", factory, "loginTimeout");
        Object url = Reflection.call(factory, "jdbcUrl");
        if (url != null) {
            settings.put("jdbcUrl", Secrets.mask(url.toString()));
        }
        Object metrics = Reflection.call(pool, "getMetrics");
        Object collected = Reflection.call(metrics, "collectPoolMetrics");
        if (collected != null) {
            settings.put("metricsEnabled", String.valueOf(collected));
        }
        return settings;
    }

    private static void putMillis(Map<String, String> settings, String key, Object target, String getter) {
        Object value = Reflection.call(target, getter);
        if (value instanceof Duration) {
            settings.put(key, String.valueOf(((Duration) value).toMillis()));
        }
    }

    @Override
    public PoolCounters counters(Object pool) {
        Object collected = Reflection.call(Reflection.call(pool, "getMetrics"), "collectPoolMetrics");
        if (Boolean.FALSE.equals(collected)) {
            return fromConnectionList(pool); // Agroal 3 with metrics off: activeCount() is not kept
        }
        int active = Reflection.intValue(Reflection.call(pool, "activeCount"));
        int idle = Reflection.intValue(Reflection.call(pool, "availableCount"));
        int total = active < 0 || idle < 0 ? -1 : active + idle;
        return new PoolCounters(active, idle, total, Reflection.intValue(Reflection.call(pool, "awaitingCount")));
    }

    private static PoolCounters fromConnectionList(Object pool) {
        int waiting = Reflection.intValue(Reflection.call(pool, "awaitingCount"));
        Object connections = Reflection.declaredField(pool, "allConnections");
        if (!(connections instanceof Iterable)) {
            return new PoolCounters(-1, -1, -1, waiting);
        }
        int active = 0;
        int idle = 0;
        int total = 0;
        for (Object handler : (Iterable<?>) connections) { // a copy-on-write list: iterates a snapshot
            total++;
            Object state = Reflection.declaredField(handler, "state");
            String name = state instanceof Enum ? ((Enum<?>) state).name() : "";
            if (name.equals("CHECKED_OUT") || name.equals("FLUSH")) {
                active++;
            } else if (name.equals("CHECKED_IN")) {
                idle++;
            }
        }
        return new PoolCounters(active, idle, total, waiting);
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(configuration(pool), "maxSize"));
    }

    @Override
    public long acquireTimeoutMillis(Object pool) {
        Object timeout = Reflection.call(configuration(pool), "acquisitionTimeout");
        if (!(timeout instanceof Duration)) {
            return TIMEOUT_UNKNOWN;
        }
        Duration duration = (Duration) timeout;
        return duration.isZero() || duration.isNegative() ? WAITS_FOREVER : Math.max(1, duration.toMillis());
    }

    /** "Sorry, acquisition timeout!", or "Acquisition timeout while waiting for new connection". */
    @Override
    public boolean isTimeout(Throwable thrown) {
        String message = thrown instanceof SQLException ? thrown.getMessage() : null;
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("io.agroal.");
    }
}
