package io.poolscope.pools.vibur;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vibur.dbcp.ViburDBCPDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against the Vibur DBCP of the test class path (the newest tested), not instrumented. */
class ViburAdapterTest {

    private static final String PASSWORD = "vibur-unit-secret";

    private final ViburAdapter adapter = new ViburAdapter();
    private final PoolIntrospector introspector = adapter.introspector();
    private ViburDBCPDataSource pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.terminate();
        }
    }

    private ViburDBCPDataSource start(String name, long timeoutMillis) {
        pool = new ViburDBCPDataSource();
        if (name != null) {
            pool.setName(name);
        }
        pool.setJdbcUrl("jdbc:h2:mem:vibur-unit;DB_CLOSE_DELAY=-1;password=" + PASSWORD);
        pool.setUsername("sa");
        pool.setPassword(PASSWORD);
        pool.setPoolInitialSize(0);
        pool.setPoolMaxSize(1);
        pool.setConnectionTimeoutInMs(timeoutMillis);
        pool.start();
        return pool;
    }

    @Test
    void theLibraryOnTheTestClassPathHasTheShape() {
        TypePool types = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), adapter.shape().mismatches(Shape.from(types, null)));
        assertEquals(List.of(ViburAdapter.DATA_SOURCE), adapter.poolClassNames());
    }

    @Test
    void readsNameCountersAndLimitsFromThePool() throws Exception {
        start("orders", 250);
        assertEquals("Vibur DBCP", introspector.library());
        assertEquals("orders", introspector.poolName(pool));
        assertEquals(1, introspector.maxConnections(pool));
        assertEquals(250, introspector.acquireTimeoutMillis(pool));
        try (Connection connection = pool.getConnection()) {
            PoolCounters out = introspector.counters(pool);
            assertEquals(1, out.active());
            assertEquals(0, out.idle());
            assertEquals(1, out.total());
            assertEquals(-1, out.waiting(), "the object pool does not tell");
        }
        PoolCounters back = introspector.counters(pool);
        assertEquals(0, back.active());
        assertEquals(1, back.idle());
    }

    @Test
    void anUnnamedPoolHasVibursOwnName() {
        start(null, 250);
        assertTrue(introspector.poolName(pool).matches("p\\d+"), introspector.poolName(pool));
    }

    @Test
    void aPoolNotStartedHasNoCounters() {
        ViburDBCPDataSource notStarted = new ViburDBCPDataSource();
        assertEquals(PoolCounters.UNKNOWN, introspector.counters(notStarted));
    }

    @Test
    void connectionTimeoutOfZeroWaitsForever() {
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(start("forever", 0)));
    }

    @Test
    void settingsShowNoCredentials() {
        Map<String, String> settings = introspector.settings(start("secret", 250));
        assertEquals("1", settings.get("poolMaxSize"));
        assertEquals("250", settings.get("connectionTimeoutInMs"));
        assertNotNull(settings.get("jdbcUrl"));
        assertFalse(settings.toString().contains(PASSWORD), settings.toString());
        assertFalse(settings.containsKey("username") || settings.containsKey("password"), settings.toString());
    }

    @Test
    void onlyThePoolsOwnTimeoutIsATimeout() throws Exception {
        start("exhausted", 100);
        try (Connection held = pool.getConnection()) {
            SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
            assertTrue(timeout instanceof SQLTimeoutException, timeout.toString());
            assertTrue(introspector.isTimeout(timeout), timeout.toString());
        }
        assertFalse(introspector.isTimeout(new SQLTimeoutException("the driver's own connect timeout", "08001")));
        assertFalse(introspector.isTimeout(new SQLException("Pool p1, the poolService is terminated.", "VI001")));
    }
}
