package scenarios;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * Pools in a class loader of their own, beside a HikariCP pool of the application class loader:
 * {@code IsolatedPoolApp changed <jar>} uses a stand-in with HikariCP's class names and a changed
 * shape; {@code IsolatedPoolApp bridgeless <HikariCP jar>} uses a real HikariCP whose class loader
 * refuses {@code io.poolscope.*}. A third argument {@code alone} leaves out the application's own
 * pool. Prints {@code result key=value} lines, and each line of the Agent
 * MBean's SkippedAdapters as {@code skipped: <line>}.
 */
public final class IsolatedPoolApp {

    public static void main(String[] args) throws Exception {
        URL[] jars = {Paths.get(args[1]).toUri().toURL()};
        switch (args[0]) {
            case "changed": changed(jars); break;
            case "bridgeless": bridgeless(jars); break;
            default: throw new IllegalArgumentException(args[0]);
        }
        if (!(args.length > 2 && args[2].equals("alone"))) {
            PoolApp.plain(); // the application class loader's HikariCP, recorded as usual
        }
        printSkippedAdapters();
    }

    /** The stand-in works as its own code says, with or without the agent. */
    static void changed(URL[] jars) throws Exception {
        IsolatingLoader loader = new IsolatingLoader("changed-hikari", jars, false);
        Class<?> poolClass = loader.loadClass("com.zaxxer.hikari.pool.HikariPool");
        Object pool = poolClass.getConstructor(int.class).newInstance(2);
        Method use = poolClass.getMethod("use");
        String used = null;
        for (int i = 0; i < 5; i++) {
            used = (String) use.invoke(pool);
        }
        poolClass.getMethod("shutdown").invoke(pool);
        System.out.println("result stubUsed=" + used);
    }

    /** A real HikariCP on H2, through javax.sql.DataSource only (its classes are not the application's). */
    static void bridgeless(URL[] jars) throws Exception {
        IsolatingLoader loader = new IsolatingLoader("bridgeless", jars, true);
        Class<?> configClass = loader.loadClass("com.zaxxer.hikari.HikariConfig");
        Object config = configClass.getConstructor().newInstance();
        configClass.getMethod("setPoolName", String.class).invoke(config, "isolated-pool");
        configClass.getMethod("setJdbcUrl", String.class).invoke(config, "jdbc:h2:mem:isolated;DB_CLOSE_DELAY=-1");
        configClass.getMethod("setUsername", String.class).invoke(config, "sa");
        configClass.getMethod("setMaximumPoolSize", int.class).invoke(config, 2);
        Class<?> dataSourceClass = loader.loadClass("com.zaxxer.hikari.HikariDataSource");
        DataSource pool = (DataSource) dataSourceClass.getConstructor(configClass).newInstance(config);
        int valid = 0;
        for (int i = 0; i < 10; i++) {
            try (Connection connection = pool.getConnection()) {
                valid += connection.isValid(1) ? 1 : 0;
            }
        }
        ((AutoCloseable) pool).close();
        System.out.println("result isolatedValid=" + valid);
    }

    static void printSkippedAdapters() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("poolscope:type=Agent");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(agent)) {
            System.out.println("result agentMBean=false");
            return;
        }
        String[] skipped = (String[]) server.getAttribute(agent, "SkippedAdapters");
        System.out.println("result agentMBean=true skipped=" + skipped.length);
        for (String line : skipped) {
            System.out.println("skipped: " + line);
        }
    }
}
