package io.poolscope.pools.generic;

import io.poolscope.pools.PoolAdapters;
import io.poolscope.pools.PoolIntrospector;
import net.bytebuddy.description.type.TypeDescription;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenericFallbackTest {

    private final GenericFallback fallback = new GenericFallback(PoolAdapters.all());

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void onlyClassFilesNamingJavaSqlConnectionGoOnToTypeMatching() throws IOException {
        assertTrue(fallback.mayMatch("org/h2/jdbcx/JdbcDataSource", classFile(JdbcDataSource.class)));
        assertTrue(fallback.mayMatch("org/h2/jdbc/JdbcConnection", classFile(JdbcConnection.class)));
        assertFalse(fallback.mayMatch("org/h2/util/StringUtils", classFile(org.h2.util.StringUtils.class)));
        assertFalse(GenericFallback.contains("java/sql/Connectio".getBytes(StandardCharsets.US_ASCII),
                "java/sql/Connection".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theClassesOfKnownPoolsPoolscopeAndTheJdkAreLeftAloneButJdkProxiesAreNot() {
        assertFalse(fallback.covers("com/zaxxer/hikari/HikariDataSource"), "HikariCP has its adapter");
        assertFalse(fallback.covers("com/zaxxer/hikari/util/DriverDataSource"));
        assertFalse(fallback.covers("oracle/ucp/jdbc/PoolDataSourceImpl"), "so has UCP");
        assertFalse(fallback.covers("org/h2/jdbcx/JdbcConnectionPool"), "and H2's pool");
        assertFalse(fallback.covers("org/h2/jdbcx/JdbcXAConnection$PooledJdbcConnection"), "with its connections");
        assertTrue(fallback.covers("org/h2/jdbcx/JdbcDataSource"), "but not H2's driver, in the same package");
        assertFalse(fallback.covers("io/poolscope/pools/generic/GenericFallback"));
        assertFalse(fallback.covers("javax/sql/rowset/RowSetProvider"));
        assertTrue(fallback.covers("com/sun/proxy/$Proxy12"));
        assertTrue(fallback.covers("jdk/proxy2/$Proxy7"));
        assertTrue(fallback.covers("org/springframework/jdbc/datasource/SimpleDriverDataSource"));
        assertFalse(fallback.covers("org/springframework/jdbc/datasource/LazyConnectionDataSourceProxy"), "lazy handles");
        assertFalse(fallback.covers("org/springframework/jdbc/datasource/TransactionAwareDataSourceProxy"));
    }

    @Test
    void dataSourcesAndConnectionsAreMatchedByTypeAndTheirMethodsByNameAndParameters() throws Exception {
        assertTrue(fallback.dataSources().matches(TypeDescription.ForLoadedType.of(JdbcDataSource.class)));
        assertFalse(fallback.dataSources().matches(TypeDescription.ForLoadedType.of(javax.sql.DataSource.class)), "an interface");
        assertFalse(fallback.dataSources().matches(TypeDescription.ForLoadedType.of(JdbcConnection.class)));
        assertTrue(fallback.connections().matches(TypeDescription.ForLoadedType.of(JdbcConnection.class)));
        assertFalse(fallback.connections().matches(TypeDescription.ForLoadedType.of(com.zaxxer.hikari.pool.HikariProxyConnection.class)),
                "HikariCP's connections are its adapter's");
        TypeDescription dataSource = TypeDescription.ForLoadedType.of(JdbcDataSource.class);
        assertEquals(2, dataSource.getDeclaredMethods().filter(GenericFallback.getConnectionMethods()).size(),
                "getConnection() and getConnection(String, String)");
        assertEquals(1, TypeDescription.ForLoadedType.of(JdbcConnection.class).getDeclaredMethods()
                .filter(GenericFallback.closeMethods()).size());
        assertTrue(fallback.isCandidate(JdbcDataSource.class));
        assertFalse(fallback.isCandidate(com.zaxxer.hikari.HikariDataSource.class));
    }

    @Test
    void aDataSourceIsNamedByItsClassAndUrlWithoutCredentialsAndHasNoCountersOrTimeout() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:orders;PASSWORD=secret;DB_CLOSE_DELAY=-1");
        PoolIntrospector introspector = PoolAdapters.introspectorFor(JdbcDataSource.class);
        assertEquals(GenericIntrospector.LIBRARY, introspector.library());
        assertEquals("generic:JdbcDataSource:jdbc:h2:mem:orders", introspector.poolName(h2));
        assertEquals("org.h2.jdbcx.JdbcDataSource", introspector.settings(h2).get("dataSourceClass"));
        assertFalse(introspector.settings(h2).toString().contains("secret"), introspector.settings(h2).toString());
        assertEquals("generic:JdbcDataSource", introspector.poolName(new JdbcDataSource()), "no URL to read");
        assertEquals(-1, introspector.maxConnections(h2));
        assertEquals(-1, introspector.counters(h2).active());
        assertFalse(introspector.isTimeout(new java.sql.SQLTimeoutException("slow")));
        assertTrue(introspector.framePrefixes().contains("org.h2.jdbcx.JdbcDataSource"), introspector.framePrefixes().toString());
        assertEquals(null, PoolAdapters.introspectorFor(String.class), "not a data source, not a pool");
    }
}
