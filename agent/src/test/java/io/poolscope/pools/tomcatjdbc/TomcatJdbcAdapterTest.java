package io.poolscope.pools.tomcatjdbc;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.apache.tomcat.jdbc.pool.ConnectionPool;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against the Tomcat JDBC pool of the test class path (the newest tested), not instrumented. */
class TomcatJdbcAdapterTest {

    private static final String PASSWORD = "tomcat-unit-secret";

    private final TomcatJdbcAdapter adapter = new TomcatJdbcAdapter();
    private final PoolIntrospector introspector = adapter.introspector();
    private DataSource dataSource;

    @AfterEach
    void closePool() {
        if (dataSource != null) {
            dataSource.close(true);
        }
    }

    private ConnectionPool pool(String name, int maxWait) throws SQLException {
        PoolProperties properties = new PoolProperties();
        if (name != null) {
            properties.setName(name);
        }
        properties.setUrl("jdbc:h2:mem:tomcat-unit;DB_CLOSE_DELAY=-1;password=" + PASSWORD);
        properties.setDriverClassName("org.h2.Driver");
        properties.setUsername("sa");
        properties.setPassword(PASSWORD);
        properties.setMaxActive(1);
        properties.setMaxIdle(1);
        properties.setMinIdle(0);
        properties.setInitialSize(0);
        properties.setMaxWait(maxWait);
        dataSource = new DataSource(properties);
        return dataSource.createPool();
    }

    @Test
    void theLibraryOnTheTestClassPathHasTheShape() {
        TypePool types = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), adapter.shape().mismatches(Shape.from(types, null)));
        assertEquals(List.of(TomcatJdbcAdapter.POOL), adapter.poolClassNames());
    }

    @Test
    void readsNameCountersAndLimitsFromThePool() throws Exception {
        ConnectionPool pool = pool("orders", 250);
        assertEquals("Tomcat JDBC", introspector.library());
        assertEquals("orders", introspector.poolName(pool));
        assertEquals(1, introspector.maxConnections(pool));
        assertEquals(250, introspector.acquireTimeoutMillis(pool));
        try (Connection connection = dataSource.getConnection()) {
            PoolCounters out = introspector.counters(pool);
            assertEquals(1, out.active());
            assertEquals(0, out.idle());
            assertEquals(1, out.total());
            assertEquals(0, out.waiting());
        }
        PoolCounters back = introspector.counters(pool);
        assertEquals(0, back.active());
        assertEquals(1, back.idle());
    }

    @Test
    void anUnnamedPoolHasTomcatsOwnName() throws Exception {
        ConnectionPool pool = pool(null, 250);
        assertTrue(introspector.poolName(pool).startsWith("Tomcat Connection Pool["), introspector.poolName(pool));
    }

    @Test
    void maxWaitOfZeroOrLessWaitsForever() throws Exception {
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(pool("forever", -1)));
        dataSource.close(true);
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(pool("zero", 0)));
    }

    @Test
    void settingsShowNoCredentials() throws Exception {
        Map<String, String> settings = introspector.settings(pool("secret", 250));
        assertEquals("1", settings.get("maxActive"));
        assertEquals("250", settings.get("maxWaitMs"));
        assertNotNull(settings.get("url"));
        assertFalse(settings.toString().contains(PASSWORD), settings.toString());
        assertFalse(settings.containsKey("username") || settings.containsKey("password"), settings.toString());
    }

    @Test
    void onlyThePoolsExhaustionIsATimeout() throws Exception {
        pool("exhausted", 100);
        try (Connection held = dataSource.getConnection()) {
            SQLException timeout = assertThrows(SQLException.class, dataSource::getConnection);
            assertTrue(timeout instanceof PoolExhaustedException, timeout.toString());
            assertTrue(introspector.isTimeout(timeout), timeout.toString());
        }
        assertFalse(introspector.isTimeout(new SQLException("Pool wait interrupted.")));
        assertFalse(introspector.isTimeout(null));
    }
}
