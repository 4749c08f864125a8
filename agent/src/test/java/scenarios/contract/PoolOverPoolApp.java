package scenarios.contract;

import org.apache.tomcat.jdbc.pool.PoolProperties;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * A pool over another pool: a Tomcat JDBC pool whose connections come from a HikariCP pool
 * ({@code PoolProperties.setDataSource}). 10 connections taken and closed through the outer pool;
 * prints {@code pool <name>|<acquires>|<releases>|<leases out>} for both.
 */
public final class PoolOverPoolApp {

    public static void main(String[] args) throws Exception {
        DataSource inner = new HikariKind().open(new PoolKind.Settings("inner-hikari", ContractApp.URL, 3, 5000, 0));
        PoolProperties properties = new PoolProperties();
        properties.setName("outer-tomcat");
        properties.setDataSource(inner);
        properties.setMaxActive(2);
        properties.setInitialSize(0);
        properties.setMinIdle(0);
        org.apache.tomcat.jdbc.pool.DataSource outer = new org.apache.tomcat.jdbc.pool.DataSource(properties);
        for (int i = 0; i < 10; i++) {
            try (Connection connection = outer.getConnection()) {
                connection.isValid(1);
            }
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName query = new ObjectName("poolscope:type=Pool,*");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.queryNames(query, null).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (ObjectName name : server.queryNames(query, null)) {
            ContractApp.awaitReadingAfterNow(name);
            System.out.println("pool " + server.getAttribute(name, "Name") + "|" + server.getAttribute(name, "Acquires")
                    + "|" + server.getAttribute(name, "Releases") + "|" + server.getAttribute(name, "LeasesOut"));
        }
        outer.close();
    }
}
