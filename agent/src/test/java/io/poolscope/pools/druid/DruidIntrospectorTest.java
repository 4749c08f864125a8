package io.poolscope.pools.druid;

import com.alibaba.druid.pool.DruidDataSource;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The introspector on a real Druid pool (the newest version the project tests, on the test class path). */
class DruidIntrospectorTest {

    private static final String PASSWORD = "druid-unit-secret";
    private final DruidIntrospector introspector = new DruidIntrospector();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private DruidDataSource open(String name, long maxWait) {
        DruidDataSource pool = new DruidDataSource();
        if (name != null) {
            pool.setName(name);
        }
        pool.setUrl("jdbc:h2:mem:druid-unit;DB_CLOSE_DELAY=-1");
        pool.setUsername("sa");
        pool.setPassword(PASSWORD);
        pool.setMaxActive(2);
        pool.setMaxWait(maxWait);
        pool.setTestWhileIdle(false);
        opened.add(pool);
        return pool;
    }

    private Connection take(DruidDataSource pool) throws SQLException {
        Connection connection = pool.getConnection();
        opened.add(connection);
        return connection;
    }

    @Test
    void countersAreThePoolsOwn() throws Exception {
        DruidDataSource pool = open("druid-unit", 10_000);
        Connection first = take(pool);
        take(pool);
        first.close();

        PoolCounters counters = introspector.counters(pool);
        assertEquals(1, counters.active());
        assertEquals(1, counters.idle());
        assertEquals(2, counters.total());
        assertEquals(0, counters.waiting());
        assertEquals(2, introspector.maxConnections(pool));
    }

    @Test
    void theNameIsTheOneSetElseDruidsOwn() {
        assertEquals("orders", introspector.poolName(open("orders", 200)));
        DruidDataSource unnamed = open(null, 200);
        assertEquals("DataSource-" + System.identityHashCode(unnamed), introspector.poolName(unnamed));
    }

    @Test
    void settingsCarryNoCredentials() {
        Map<String, String> settings = introspector.settings(open("druid-unit", 300));
        assertEquals("2", settings.get("maxActive"));
        assertEquals("300", settings.get("maxWaitMs"));
        assertEquals("jdbc:h2:mem:druid-unit;DB_CLOSE_DELAY=-1", settings.get("url"));
        assertFalse(settings.toString().contains(PASSWORD), settings.toString());
    }

    @Test
    void noMaxWaitWaitsForever() {
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(open("forever", -1)));
        assertEquals(150, introspector.acquireTimeoutMillis(open("bounded", 150)));
    }

    @Test
    void thePoolsOwnTimeoutIsRecognised() throws Exception {
        DruidDataSource pool = open("druid-unit", 2000); // long enough for a loaded machine to open two
        take(pool);
        take(pool);
        SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
        assertEquals(DruidIntrospector.TIMEOUT_EXCEPTION, timeout.getClass().getName());
        assertTrue(introspector.isTimeout(timeout));
        assertFalse(introspector.isTimeout(new SQLException("wait millis 100, active 2, maxActive 2")));
    }

    @Test
    void theAdaptersShapeMatchesTheLibraryOnTheClassPath() {
        TypePool types = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        assertEquals(List.of(), new DruidAdapter().shape().mismatches(Shape.from(types, null)));
    }
}
