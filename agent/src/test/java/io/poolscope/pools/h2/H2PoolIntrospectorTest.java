package io.poolscope.pools.h2;

import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.ConnectionPoolDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The H2 pool introspector on a real {@code JdbcConnectionPool}, without the agent. */
class H2PoolIntrospectorTest {

    private static final String URL = "jdbc:h2:mem:h2-introspector;DB_CLOSE_DELAY=-1;PASSWORD=not-this-one";
    private final H2PoolIntrospector introspector = new H2PoolIntrospector();
    private JdbcConnectionPool pool;

    @AfterEach
    void dispose() {
        if (pool != null) {
            pool.dispose();
        }
    }

    @Test
    void theH2OnTheTestClassPathHasTheShape() {
        TypePool types = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), new H2PoolAdapter().shape().mismatches(Shape.from(types, null)));
    }

    @Test
    void isNamedByItsUrlAndReadsItsCounters() throws Exception {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:h2-introspector;DB_CLOSE_DELAY=-1", "sa", "h2-test-secret");
        pool.setMaxConnections(3);
        pool.setLoginTimeout(7);
        assertEquals("h2:jdbc:h2:mem:h2-introspector", introspector.poolName(pool));
        assertEquals(3, introspector.maxConnections(pool));
        assertEquals(7000, introspector.acquireTimeoutMillis(pool));

        Connection idleLater = pool.getConnection();
        try (Connection held = pool.getConnection()) {
            idleLater.close();
            PoolCounters counters = introspector.counters(pool);
            assertEquals(1, counters.active());
            assertEquals(1, counters.idle());
            assertEquals(2, counters.total());
            assertEquals(-1, counters.waiting(), "the pool does not count its waiters");
        }
        Map<String, String> settings = introspector.settings(pool);
        assertEquals("3", settings.get("maxConnections"));
        assertEquals("7", settings.get("loginTimeoutSeconds"));
        assertEquals(JdbcDataSource.class.getName(), settings.get("dataSource"));
        assertFalse(settings.toString().contains("h2-test-secret"), settings.toString());
    }

    @Test
    void aPasswordInTheUrlIsMaskedInTheNameAndTheSettings() {
        pool = JdbcConnectionPool.create(URL, "sa", "");
        assertEquals("h2:jdbc:h2:mem:h2-introspector", introspector.poolName(pool));
        assertEquals("jdbc:h2:mem:h2-introspector;DB_CLOSE_DELAY=-1;PASSWORD=***", introspector.settings(pool).get("url"));
    }

    @Test
    void itsLoginTimeoutIsRecognisedAndOtherFailuresAreNot() throws Exception {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:h2-introspector-timeout;DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(1);
        pool.setLoginTimeout(1);
        try (Connection held = pool.getConnection()) {
            SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
            assertTrue(introspector.isTimeout(timeout), String.valueOf(timeout));
        }
        assertFalse(introspector.isTimeout(new SQLException("Database \"x\" not found", "90146", 90146)));
        assertFalse(introspector.isTimeout(new IllegalStateException("Connection pool has been disposed.")));
    }

    @Test
    void aPoolOverAnotherConnectionPoolDataSourceHasNoName() {
        ConnectionPoolDataSource other = (ConnectionPoolDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConnectionPoolDataSource.class}, (proxy, method, args) -> null);
        pool = JdbcConnectionPool.create(other);
        assertNull(introspector.poolName(pool), "poolscope names it H2-N");
        assertEquals(other.getClass().getName(), introspector.settings(pool).get("dataSource"));
        assertEquals(null, introspector.settings(pool).get("url"));
    }
}
