package scenarios;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * The application of the generic fallback's tests, in a forked JVM under the agent: data sources
 * that are no pool poolscope knows, a wrapper over them, and a HikariCP pool seen through such a
 * wrapper. {@code GenericApp <scenario>}; prints {@code result <pool name>.<Attribute>=<value>} for
 * every pool poolscope shows once the last pool of the scenario, a HikariCP pool named
 * {@code marker}, is shown (pools are shown in the order they were seen), and {@code result pools=N}.
 */
public final class GenericApp {

    static final String URL = "jdbc:h2:mem:generic;DB_CLOSE_DELAY=-1";
    static final String PASSWORD = "generic-secret-password";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "plain": plain(); break;
            case "hikari": hikariUnderAWrapper(); break;
            case "ucp": ucpUnderAWrapper(); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    /** 10 leases through a wrapper over H2's JdbcDataSource, 5 straight from it, one of them leaked. */
    private static void plain() throws Exception {
        JdbcDataSource h2 = h2();
        DataSource wrapper = new WrappingDataSource(h2);
        for (int i = 0; i < 10; i++) {
            try (Connection connection = wrapper.getConnection()) {
                connection.isValid(1);
            }
        }
        for (int i = 0; i < 4; i++) {
            try (Connection connection = h2.getConnection("sa", PASSWORD)) {
                connection.isValid(1);
            }
        }
        new LeakyDao(h2).leak();
        marker();
        printPools();
        ready();
    }

    /** HikariCP opening its connections from H2's JdbcDataSource, used 10 times through a wrapper and 10 times straight. */
    private static void hikariUnderAWrapper() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hikari-over-h2");
        config.setDataSourceClassName("org.h2.jdbcx.JdbcDataSource");
        config.addDataSourceProperty("URL", URL);
        config.addDataSourceProperty("user", "sa");
        config.addDataSourceProperty("password", PASSWORD);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        try (HikariDataSource hikari = new HikariDataSource(config)) {
            DataSource wrapper = new WrappingDataSource(hikari);
            for (int i = 0; i < 10; i++) {
                try (Connection connection = wrapper.getConnection()) {
                    connection.isValid(1);
                }
                try (Connection connection = hikari.getConnection()) {
                    connection.isValid(1);
                }
            }
            marker();
            printPools();
        }
    }

    /** Oracle UCP opening its connections from H2's JdbcDataSource (on its own threads), used as the HikariCP one is. */
    private static void ucpUnderAWrapper() throws Exception {
        oracle.ucp.jdbc.PoolDataSource ucp = oracle.ucp.jdbc.PoolDataSourceFactory.getPoolDataSource();
        ucp.setConnectionFactoryClassName("org.h2.jdbcx.JdbcDataSource");
        ucp.setURL(URL);
        ucp.setUser("sa");
        ucp.setPassword(PASSWORD);
        ucp.setConnectionPoolName("ucp-over-h2");
        ucp.setInitialPoolSize(0);
        ucp.setMaxPoolSize(2);
        DataSource wrapper = new WrappingDataSource(ucp);
        for (int i = 0; i < 10; i++) {
            try (Connection connection = wrapper.getConnection()) {
                connection.isValid(1);
            }
            try (Connection connection = ucp.getConnection()) {
                connection.isValid(1);
            }
        }
        marker();
        printPools();
    }

    static JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(URL);
        h2.setUser("sa");
        h2.setPassword(PASSWORD);
        return h2;
    }

    /** One lease of a HikariCP pool named "marker": once it is shown, every pool seen before it is too. */
    private static void marker() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("marker");
        config.setJdbcUrl(URL);
        config.setUsername("sa");
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        HikariDataSource marker = new HikariDataSource(config);
        try (Connection connection = marker.getConnection()) {
            connection.isValid(1);
        }
    }

    private static void printPools() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Set<ObjectName> names;
        while (true) {
            names = server.queryNames(new ObjectName("poolscope:type=Pool,*"), null);
            boolean markerShown = false;
            for (ObjectName name : names) {
                markerShown |= "marker".equals(server.getAttribute(name, "Name"));
            }
            if (markerShown) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the marker pool was never shown: " + names);
            }
            Thread.sleep(20);
        }
        Set<String> lines = new TreeSet<>();
        for (ObjectName name : names) {
            Object pool = server.getAttribute(name, "Name");
            for (String attribute : new String[]{"Library", "Acquires", "Releases", "Failures", "LeasesOut"}) {
                lines.add("result " + pool + "." + attribute + "=" + server.getAttribute(name, attribute));
            }
        }
        lines.forEach(System.out::println);
        System.out.println("result pools=" + names.size());
        System.out.flush();
    }

    private static void ready() throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    /** Forgets to close its connection. */
    static final class LeakyDao {
        private static final List<Connection> LEAKED = new ArrayList<>();
        private final DataSource dataSource;

        LeakyDao(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        void leak() throws SQLException {
            LEAKED.add(dataSource.getConnection());
        }
    }

    /** A data source over another, as Spring's DelegatingDataSource subclasses are: it hands out the inner one's connections. */
    static final class WrappingDataSource implements DataSource {
        private final DataSource target;

        WrappingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return Logger.getLogger("generic");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
