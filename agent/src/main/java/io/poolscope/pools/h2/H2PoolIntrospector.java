package io.poolscope.pools.h2;

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

/**
 * Reads a {@code JdbcConnectionPool} through its public getters, its idle queue and its data
 * source's URL. It has no name of its own: poolscope names it {@code h2:} and the URL.
 */
final class H2PoolIntrospector implements PoolIntrospector {

    @Override
    public String library() {
        return "H2";
    }

    @Override
    public String poolName(Object pool) {
        return PoolNames.fromUrl("h2", url(pool));
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        Reflection.putGetter(settings, "maxConnections", pool, "getMaxConnections");
        Reflection.putGetter(settings, "loginTimeoutSeconds", pool, "getLoginTimeout");
        Object dataSource = Reflection.declaredField(pool, "dataSource");
        if (dataSource != null) {
            settings.put("dataSource", dataSource.getClass().getName());
        }
        String url = url(pool);
        if (url != null) {
            settings.put("url", Secrets.mask(url));
        }
        return settings;
    }

    /** Out: the pool's own count; idle: its queue of connections to hand out again; it does not count waiters. */
    @Override
    public PoolCounters counters(Object pool) {
        int active = Reflection.intValue(Reflection.call(pool, "getActiveConnections"));
        int idle = Reflection.intValue(Reflection.call(Reflection.declaredField(pool, "recycledConnections"), "size"));
        int total = active >= 0 && idle >= 0 ? active + idle : -1;
        return new PoolCounters(active, idle, total, -1);
    }

    @Override
    public int maxConnections(Object pool) {
        return Reflection.intValue(Reflection.call(pool, "getMaxConnections"));
    }

    /** {@code loginTimeout} in seconds; the pool turns 0 into its default (30 s), so it never waits forever. */
    @Override
    public long acquireTimeoutMillis(Object pool) {
        Object seconds = Reflection.call(pool, "getLoginTimeout");
        if (!(seconds instanceof Number) || ((Number) seconds).longValue() <= 0) {
            return TIMEOUT_UNKNOWN;
        }
        return ((Number) seconds).longValue() * 1000L;
    }

    /** {@code SQLException("Login timeout", "08001", 8001)}, thrown by {@code getConnection}. */
    @Override
    public boolean isTimeout(Throwable thrown) {
        if (!(thrown instanceof SQLException)) {
            return false;
        }
        SQLException e = (SQLException) thrown;
        return e.getErrorCode() == 8001 && "08001".equals(e.getSQLState()) && "Login timeout".equals(e.getMessage());
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("org.h2.jdbcx.");
    }

    /** The URL of the pool's data source when it is H2's {@code JdbcDataSource}, or {@code null}. */
    private static String url(Object pool) {
        return Reflection.text(Reflection.declaredField(pool, "dataSource"), "getURL");
    }
}
