package io.poolscope.pools.c3p0;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.mchange.v2.c3p0.impl.C3P0PooledConnectionPoolManager;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The c3p0 introspector on a real c3p0 pool (the test class path's c3p0), without the agent. */
class C3p0IntrospectorTest {

    private static final String PASSWORD = "c3p0-test-secret";
    private final C3p0Introspector introspector = new C3p0Introspector();
    private ComboPooledDataSource dataSource;

    private ComboPooledDataSource open(String name, int checkoutTimeoutMillis) throws Exception {
        dataSource = new ComboPooledDataSource();
        if (name != null) {
            dataSource.setDataSourceName(name);
        }
        dataSource.setDriverClass("org.h2.Driver");
        dataSource.setJdbcUrl("jdbc:h2:mem:c3p0-introspector;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword(PASSWORD);
        dataSource.setMaxPoolSize(2);
        dataSource.setMinPoolSize(0);
        dataSource.setInitialPoolSize(0);
        dataSource.setAcquireIncrement(1);
        dataSource.setCheckoutTimeout(checkoutTimeoutMillis);
        dataSource.setForceSynchronousCheckins(true);
        return dataSource;
    }

    /** The default user's C3P0PooledConnectionPool: what the advice hands to poolscope as the pool. */
    private static Object poolOf(ComboPooledDataSource dataSource) throws SQLException {
        Object manager = Reflection.declaredField(dataSource, "poolManager");
        assertNotNull(manager, "the data source's pool manager, once a connection was asked for");
        return ((C3P0PooledConnectionPoolManager) manager).getPool();
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void theC3p0OnTheTestClassPathHasTheShape() {
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), new C3p0Adapter().shape().mismatches(Shape.from(pool, null)));
    }

    @Test
    void readsTheNameSettingsAndCountersOfThePool() throws Exception {
        ComboPooledDataSource ds = open("orders-db", 1500);
        try (Connection held = ds.getConnection()) {
            Object pool = poolOf(ds);
            assertEquals("orders-db", introspector.poolName(pool));
            assertEquals(2, introspector.maxConnections(pool));
            assertEquals(1500, introspector.acquireTimeoutMillis(pool));
            PoolCounters counters = introspector.counters(pool);
            assertEquals(1, counters.active());
            assertEquals(0, counters.idle());
            assertEquals(1, counters.total());
            assertEquals(0, counters.waiting());

            Map<String, String> settings = introspector.settings(pool);
            assertEquals("2", settings.get("maxPoolSize"));
            assertEquals("1500", settings.get("checkoutTimeoutMs"));
            assertEquals("true", settings.get("forceSynchronousCheckins"));
            assertEquals("jdbc:h2:mem:c3p0-introspector;DB_CLOSE_DELAY=-1", settings.get("jdbcUrl"));
            assertFalse(settings.toString().contains(PASSWORD), settings.toString());
            assertFalse(settings.containsKey("user") || settings.containsKey("password"), settings.toString());
        }
    }

    @Test
    void aPoolWithoutANameIsNamedByItsIdentityTokenAndZeroTimeoutWaitsForever() throws Exception {
        ComboPooledDataSource ds = open(null, 0);
        ds.getConnection().close();
        Object pool = poolOf(ds);
        String token = ds.getIdentityToken();
        assertEquals(token, C3p0Introspector.identityToken(pool), "the token the pool's resource manager keeps");
        assertEquals(token, introspector.poolName(pool), "c3p0's own default for dataSourceName");
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(pool));
    }

    @Test
    void aPoolStillBeingConstructedIsNamedByTheDataSourceWhoseTaskRunnerItShares() throws Exception {
        // c3p0 opens a pool's first connections on its own threads before the constructor sets rp: the
        // creation that poolscope sees there may be the first sight of the pool
        ComboPooledDataSource ds = open("constructing", 1000);
        ComboPooledDataSource other = new ComboPooledDataSource();
        other.setDataSourceName("another");
        try {
            other.getNumConnectionsDefaultUser(); // another registered data source with a pool manager of its own
            ds.getConnection().close();
            Object pool = poolOf(ds);
            Field rp = pool.getClass().getDeclaredField("rp");
            rp.setAccessible(true);
            Object resourcePool = rp.get(pool);
            rp.set(pool, null);
            try {
                assertEquals(null, C3p0Introspector.identityToken(pool));
                assertEquals("constructing", introspector.poolName(pool));
            } finally {
                rp.set(pool, resourcePool);
            }
        } finally {
            other.close();
        }
    }

    @Test
    void theCheckoutTimeoutIsRecognisedAndOtherFailuresAreNot() throws Exception {
        ComboPooledDataSource ds = open("timing-out", 200);
        ds.setMaxPoolSize(1);
        ds.setMinPoolSize(1);
        ds.setInitialPoolSize(1);
        ds.getNumConnectionsDefaultUser(); // starts the pool, which opens its one connection on its own threads
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (ds.getNumIdleConnectionsDefaultUser() < 1) {
            assertTrue(System.nanoTime() < deadline, "the pool did not open its connection");
            Thread.sleep(10);
        }
        try (Connection only = ds.getConnection()) {
            SQLException timeout = assertThrows(SQLException.class, ds::getConnection);
            assertTrue(introspector.isTimeout(timeout), String.valueOf(timeout));
        }
        assertFalse(introspector.isTimeout(new SQLException("Connections could not be acquired from the underlying database!")));
        assertFalse(introspector.isTimeout(new IllegalStateException("An attempt by a client to checkout a Connection has timed out.")));
    }

    @Test
    void objectsThatAreNotAC3p0PoolGiveNothingAndNoException() {
        Object notAPool = new Object();
        assertEquals(null, introspector.poolName(notAPool));
        assertEquals(-1, introspector.maxConnections(notAPool));
        assertEquals(PoolIntrospector.TIMEOUT_UNKNOWN, introspector.acquireTimeoutMillis(notAPool));
        assertEquals(-1, introspector.counters(notAPool).active());
        assertTrue(introspector.settings(notAPool).isEmpty());
    }
}
