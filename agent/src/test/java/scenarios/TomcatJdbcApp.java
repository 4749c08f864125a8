package scenarios;

import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the Tomcat JDBC pool does beyond the contract suite, in a forked JVM under the agent: the
 * pool's start-up fill ({@code initialSize}), {@code getConnectionAsync} (served at once, and served
 * later through its future), and {@code close(true)} with a connection still out. Prints
 * {@code result <step>.<Attribute>=<value>} after each step.
 */
public final class TomcatJdbcApp {

    private static final String[] ATTRIBUTES = {"Acquires", "LeasesTaken", "Releases", "Reclaimed",
        "ConnectionsClosedWhileOut", "LeasesOut", "ConnectionsCreated", "Failures", "Timeouts"};

    public static void main(String[] args) throws Exception {
        PoolProperties properties = new PoolProperties();
        properties.setName("tomcat-specifics");
        properties.setUrl("jdbc:h2:mem:tomcat-specifics;DB_CLOSE_DELAY=-1");
        properties.setDriverClassName("org.h2.Driver");
        properties.setUsername("sa");
        properties.setPassword("");
        properties.setInitialSize(2);
        properties.setMaxActive(3);
        properties.setMaxIdle(3);
        properties.setMinIdle(0);
        properties.setMaxWait(10_000);
        properties.setFairQueue(true); // getConnectionAsync needs it
        DataSource dataSource = new DataSource(properties);

        // the first acquire creates the pool, which opens and returns its 2 initial connections itself
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(1);
        }
        print("fill");

        try (Connection connection = dataSource.getConnectionAsync().get(10, TimeUnit.SECONDS)) {
            connection.isValid(1); // served at once
        }
        print("async");

        Connection first = dataSource.getConnection();
        Connection second = dataSource.getConnection();
        Connection third = dataSource.getConnection();
        Future<Connection> later = dataSource.getConnectionAsync(); // the pool is empty: a future
        first.close();
        try (Connection connection = later.get(10, TimeUnit.SECONDS)) {
            connection.isValid(1);
        }
        second.close();
        print("asyncLater");

        // third is still out: close(true) abandons it as the pool shuts down
        dataSource.close(true);
        print("shutdown");
        third.close(); // the holder's late close: nothing more ends
        print("lateClose");
    }

    private static void print(String step) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // poolscope registers it off the pool's thread
        Set<ObjectName> names = server.queryNames(new ObjectName("poolscope:type=Pool,*"), null);
        while (names.size() != 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected one poolscope pool MBean, found " + names);
            }
            Thread.sleep(20);
            names = server.queryNames(new ObjectName("poolscope:type=Pool,*"), null);
        }
        ObjectName name = names.iterator().next();
        scenarios.contract.ContractApp.awaitReadingAfterNow(name); // the MBean shows a reading up to 1 s old
        for (String attribute : ATTRIBUTES) {
            System.out.println("result " + step + "." + attribute + "=" + server.getAttribute(name, attribute));
        }
        System.out.println("result " + step + ".ReleasesOfLeasesBeforePoolscope="
                + server.getAttribute(new ObjectName("poolscope:type=Agent"), "ReleasesOfLeasesBeforePoolscope"));
        System.out.flush();
    }
}
