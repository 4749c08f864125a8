package io.poolscope.pools.agroal;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.poolscope.pools.EveryHook;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.pools.Reflection;
import io.poolscope.pools.Shape;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The introspector on a real Agroal pool (the newest version the project tests, on the test class path). */
class AgroalIntrospectorTest {

    private static final String PASSWORD = "agroal-unit-secret";
    private final AgroalIntrospector introspector = new AgroalIntrospector();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private AgroalDataSource open(String database, boolean metrics, Duration acquisitionTimeout) throws SQLException {
        AgroalDataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(metrics)
                .connectionPoolConfiguration(pool -> pool.maxSize(2).acquisitionTimeout(acquisitionTimeout)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1")
                                .principal(new NamePrincipal("sa")).credential(new SimplePassword(PASSWORD)))));
        opened.add(dataSource);
        return dataSource;
    }

    private Connection take(AgroalDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        opened.add(connection);
        return connection;
    }

    /** The {@code ConnectionPool}, as the advice hands it to poolscope. */
    private static Object pool(AgroalDataSource dataSource) {
        Object pool = Reflection.declaredField(dataSource, "connectionPool");
        assertNotNull(pool);
        assertEquals(AgroalAdapter.POOL, pool.getClass().getName());
        return pool;
    }

    @Test
    void withMetricsOffTheCountersComeFromTheConnectionList() throws Exception {
        AgroalDataSource dataSource = open("agroal-unit-off", false, Duration.ofSeconds(10));
        Object pool = pool(dataSource);
        Connection first = take(dataSource);
        take(dataSource);
        assertEquals(0, dataSource.getMetrics().activeCount(), "Agroal 3 does not count without metrics");

        PoolCounters two = introspector.counters(pool);
        assertEquals(2, two.active());
        assertEquals(0, two.idle());
        assertEquals(2, two.total());
        assertEquals(0, two.waiting());

        first.close();
        PoolCounters one = introspector.counters(pool);
        assertEquals(1, one.active());
        assertEquals(1, one.idle());
        assertEquals(2, one.total());
    }

    @Test
    void withMetricsOnTheCountersAreThePoolsOwn() throws Exception {
        AgroalDataSource dataSource = open("agroal-unit-on", true, Duration.ofSeconds(10));
        Object pool = pool(dataSource);
        Connection first = take(dataSource);
        take(dataSource);
        first.close();

        PoolCounters counters = introspector.counters(pool);
        assertEquals(1, counters.active());
        assertEquals(1, counters.idle());
        assertEquals(2, counters.total());
        assertEquals(dataSource.getMetrics().activeCount(), counters.active());
    }

    @Test
    void nameSettingsAndTimeoutAreReadWithoutCredentials() throws Exception {
        AgroalDataSource dataSource = open("agroal-unit-name", false, Duration.ofMillis(250));
        Object pool = pool(dataSource);

        assertEquals("agroal:jdbc:h2:mem:agroal-unit-name", introspector.poolName(pool));
        assertEquals(2, introspector.maxConnections(pool));
        assertEquals(250, introspector.acquireTimeoutMillis(pool));
        Map<String, String> settings = introspector.settings(pool);
        assertEquals("2", settings.get("maxSize"));
        assertEquals("250", settings.get("acquisitionTimeoutMs"));
        assertEquals("false", settings.get("metricsEnabled"));
        assertEquals("jdbc:h2:mem:agroal-unit-name;DB_CLOSE_DELAY=-1", settings.get("jdbcUrl"));
        assertFalse(settings.toString().contains(PASSWORD), settings.toString());
    }

    @Test
    void aZeroAcquisitionTimeoutWaitsForever() throws Exception {
        assertEquals(PoolIntrospector.WAITS_FOREVER,
                introspector.acquireTimeoutMillis(pool(open("agroal-unit-forever", false, Duration.ZERO))));
    }

    @Test
    void thePoolsOwnTimeoutIsRecognisedAndADriverErrorIsNot() throws Exception {
        // long enough for a loaded machine to open the two connections; the third acquire waits it out
        AgroalDataSource dataSource = open("agroal-unit-timeout", false, Duration.ofSeconds(2));
        take(dataSource);
        take(dataSource);
        SQLException timeout = assertThrows(SQLException.class, dataSource::getConnection);
        assertTrue(introspector.isTimeout(timeout), timeout.toString());

        AgroalDataSource refused = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1).acquisitionTimeout(Duration.ofSeconds(5))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl("jdbc:h2:file:/nonexistent-poolscope-dir/missing;IFEXISTS=TRUE"))));
        opened.add(refused);
        SQLException notFound = assertThrows(SQLException.class, refused::getConnection);
        assertFalse(introspector.isTimeout(notFound), notFound.toString());
    }

    @Test
    void theAdaptersShapeMatchesTheLibraryOnTheClassPath() {
        TypePool types = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(getClass().getClassLoader()));
        // 3.x has the optional hooks' methods too
        assertEquals(List.of(), EveryHook.shapeOf(new AgroalAdapter()).mismatches(Shape.from(types, null)));
    }
}
