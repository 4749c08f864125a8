package io.poolscope.pools.dbcp2;

import io.poolscope.pools.EveryHook;
import io.poolscope.pools.Hook;
import io.poolscope.pools.PoolAdapters;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.commons.dbcp2.managed.BasicManagedDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter and its introspector against the real DBCP2 (2.14) and Tomcat DBCP (11) of the test class path, on H2. */
class Dbcp2AdapterTest {

    private static final String URL = "jdbc:h2:mem:dbcp2-adapter;DB_CLOSE_DELAY=-1";

    private final Dbcp2Adapter commons = Dbcp2Adapter.commons();
    private final Dbcp2Adapter tomcat = Dbcp2Adapter.tomcat();
    private final PoolIntrospector introspector = commons.introspector();

    @Test
    void bothCopiesHaveEveryHookedMethodIncludingTheWrappersTwoArgumentConstructor() {
        Shape.Types types = Shape.from(TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader())), null);
        assertEquals(List.of(), EveryHook.shapeOf(commons).mismatches(types)); // the optional reclaim hook too
        assertEquals(List.of(), tomcat.shape().mismatches(types));
        assertTrue(tomcat.hooks().stream().allMatch(hook -> hook.typeName().startsWith("org.apache.tomcat.dbcp.")),
                tomcat.shape().typeNames().toString());
        assertTrue(commons.hooks().stream().anyMatch(Hook::isOptional), "commons-pool2 before 2.9 has no reclaim hook");
        assertFalse(tomcat.hooks().stream().anyMatch(Hook::isOptional), "Tomcat's copies without DestroyMode are left out");
    }

    @Test
    void theDataSourceIsThePoolAndTheManagedOneIsLeftOut() {
        assertEquals("DBCP2", PoolAdapters.introspectorFor(BasicDataSource.class).library());
        assertEquals("Tomcat DBCP", PoolAdapters.introspectorFor(org.apache.tomcat.dbcp.dbcp2.BasicDataSource.class).library());
        assertNull(PoolAdapters.introspectorFor(BasicManagedDataSource.class));
        assertNull(PoolAdapters.introspectorFor(org.apache.commons.pool2.impl.GenericObjectPool.class),
                "commons-pool2 serves other libraries too: its pool is no pool of poolscope's");
        assertEquals("DBCP2", commons.introspector().library());
        assertEquals("Tomcat DBCP", tomcat.introspector().library());
    }

    @Test
    void theNameIsTheJmxNameElseTheUrlWithoutItsParameters() {
        BasicDataSource pool = dataSource(2, 100);
        assertEquals("dbcp2:jdbc:h2:mem:dbcp2-adapter", introspector.poolName(pool));
        pool.setJmxName("com.example:type=Pool,name=orders");
        assertEquals("com.example:type=Pool,name=orders", introspector.poolName(pool));

        org.apache.tomcat.dbcp.dbcp2.BasicDataSource tomcatPool = new org.apache.tomcat.dbcp.dbcp2.BasicDataSource();
        tomcatPool.setUrl("jdbc:h2:mem:dbcp2-adapter;USER=sa;PASSWORD=top-secret");
        assertFalse(tomcat.introspector().settings(tomcatPool).toString().contains("top-secret"));
        assertEquals("tomcat-dbcp:jdbc:h2:mem:dbcp2-adapter", tomcat.introspector().poolName(tomcatPool));
    }

    @Test
    void settingsCountersAndTimeoutAreTheDataSources() throws Exception {
        BasicDataSource pool = dataSource(1, 100);
        try {
            Map<String, String> before = introspector.settings(pool);
            assertEquals("1", before.get("maxTotal"));
            assertEquals("100", before.get("maxWaitMillis"));
            assertEquals(URL, before.get("url"));
            assertFalse(before.toString().contains("top-secret"), before.toString());
            assertEquals(0, introspector.counters(pool).waiting(), "no pool yet: nobody waits");
            assertEquals(1, introspector.maxConnections(pool));
            assertEquals(100, introspector.acquireTimeoutMillis(pool));

            try (Connection held = pool.getConnection()) {
                PoolCounters counters = introspector.counters(pool);
                assertEquals(1, counters.active());
                assertEquals(0, counters.idle());
                assertEquals(1, counters.total());
                assertEquals(0, counters.waiting());
                SQLException timeout = assertThrows(SQLException.class, pool::getConnection);
                assertTrue(introspector.isTimeout(timeout), timeout.toString());
            }
            assertEquals(1, introspector.counters(pool).idle());
        } finally {
            pool.close();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void maxWaitMinusOneWaitsForeverAndZeroIsNoKnownTimeout() {
        BasicDataSource pool = dataSource(2, -1);
        assertEquals(PoolIntrospector.WAITS_FOREVER, introspector.acquireTimeoutMillis(pool));
        pool.setMaxWaitMillis(0);
        assertEquals(PoolIntrospector.TIMEOUT_UNKNOWN, introspector.acquireTimeoutMillis(pool));
        pool.setMaxTotal(-1);
        assertEquals(-1, introspector.maxConnections(pool));
    }

    @Test
    void aRefusedConnectionIsNoTimeout() {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl("jdbc:h2:file:/nonexistent-poolscope-dir/missing;IFEXISTS=TRUE");
        SQLException refused = assertThrows(SQLException.class, pool::getConnection);
        assertFalse(introspector.isTimeout(refused), refused.toString());
        assertFalse(introspector.isTimeout(new SQLException("x", new java.util.NoSuchElementException("Unable to validate object"))));
        assertTrue(introspector.isTimeout(new SQLException("x", new java.util.NoSuchElementException("Pool exhausted"))));
    }

    /** The data source holds its monitor while it opens its first connections and reports them: never wait for it. */
    @Test
    void readingThePoolNeverWaitsForTheDataSourcesMonitor() throws Exception {
        BasicDataSource pool = dataSource(3, 250);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread starter = new Thread(() -> {
            synchronized (pool) { // as createDataSource() does
                locked.countDown();
                try {
                    done.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        starter.start();
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.Future<String> read = reader.submit(() -> introspector.poolName(pool) + " "
                    + introspector.settings(pool) + " " + introspector.counters(pool).active() + " "
                    + introspector.maxConnections(pool) + " " + introspector.acquireTimeoutMillis(pool));
            String text = read.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(text.startsWith("dbcp2:jdbc:h2:mem:dbcp2-adapter {maxTotal=3, "), text);
            assertTrue(text.contains("maxWaitMillis=250") && text.endsWith(" 0 3 250"), text);
        } finally {
            done.countDown();
            starter.join();
            reader.shutdownNow();
        }
    }

    @SuppressWarnings("deprecation")
    private static BasicDataSource dataSource(int max, long maxWaitMillis) {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(URL);
        pool.setUsername("sa");
        pool.setPassword("top-secret");
        pool.setMaxTotal(max);
        pool.setMaxWaitMillis(maxWaitMillis);
        return pool;
    }
}
