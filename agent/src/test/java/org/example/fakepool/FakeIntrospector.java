package org.example.fakepool;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;

import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link FakePool}: a fixed maximum size, a fixed configuration, the pool's own name. */
public class FakeIntrospector implements PoolIntrospector {

    public static final String LIBRARY = "FakeCP";

    private final int maxConnections;

    public FakeIntrospector(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    @Override
    public String poolName(Object pool) {
        try {
            Object name = pool.getClass().getMethod("name").invoke(pool);
            return name == null ? null : name.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Map<String, String> settings(Object pool) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("maximumPoolSize", String.valueOf(maxConnections));
        settings.put("connectionTimeoutMs", "250");
        settings.put("jdbcUrl", "jdbc:fake://db.example/orders");
        return settings;
    }

    @Override
    public PoolCounters counters(Object pool) {
        return PoolCounters.UNKNOWN;
    }

    @Override
    public int maxConnections(Object pool) {
        return maxConnections;
    }

    @Override
    public boolean isTimeout(Throwable thrown) {
        return thrown instanceof SQLTransientConnectionException;
    }

    @Override
    public List<String> framePrefixes() {
        return Collections.singletonList("org.example.fakepool.");
    }
}
