package scenarios.contract;

import scenarios.IsolatingLoader;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * Several pools in one JVM. {@code ManyPoolsApp several Hikari,Dbcp2,...}: one pool of each kind,
 * each with a leaked connection; {@code ManyPoolsApp versions <jar> <jar>}: HikariCP pools of two
 * versions, each in a class loader of its own; {@code ManyPoolsApp discarded <jar>}: a pool in a class
 * loader that the application then drops, which must be collected. Prints {@code result} lines,
 * {@code pool <name>|<library>|<leases out>} for every pool MBean.
 */
public final class ManyPoolsApp {

    private static final List<Connection> LEAKED = new ArrayList<>();
    /** The application keeps its data sources: a DBCP2 BasicDataSource is not reachable from its connections. */
    private static final List<DataSource> POOLS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "several": several(args[1].split(",")); break;
            case "versions": versions(args[1], args[2]); break;
            case "discarded": discarded(args[1]); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    private static void several(String[] kinds) throws Exception {
        for (String kindName : kinds) {
            PoolKind kind = (PoolKind) Class.forName("scenarios.contract." + kindName + "Kind")
                    .getDeclaredConstructor().newInstance();
            String id = kindName.toLowerCase();
            DataSource pool = kind.open(new PoolKind.Settings("pool-" + id, "jdbc:h2:mem:" + id + ";DB_CLOSE_DELAY=-1",
                    2, 5000, 0));
            POOLS.add(pool);
            LEAKED.add(pool.getConnection());
            try (Connection used = pool.getConnection()) {
                used.isValid(1);
            }
        }
        printPools(kinds.length);
    }

    private static void versions(String firstJar, String secondJar) throws Exception {
        LEAKED.add(hikari(loader(firstJar), "hikari-a").getConnection());
        LEAKED.add(hikari(loader(secondJar), "hikari-b").getConnection());
        printPools(2);
    }

    private static void discarded(String jar) throws Exception {
        // H2 creates its one shutdown-hook thread at the first database it opens; a thread created under
        // the web app's frames keeps their class loader (its inherited access-control context): open one here
        java.sql.DriverManager.getConnection("jdbc:h2:mem:warm-up").close();
        IsolatingLoader loader = loader(jar);
        WeakReference<ClassLoader> loaderRef = new WeakReference<>(loader);
        DataSource pool = hikari(loader, "redeployed");
        try (Connection connection = pool.getConnection()) {
            connection.isValid(1);
        }
        Connection leaked = pool.getConnection(); // a leak at redeploy: still out when the pool is closed
        printPools(1);
        ((AutoCloseable) pool).close();
        leaked = null;
        pool = null;
        loader = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (loaderRef.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50); // giving the collector and poolscope's scanner time, not synchronising
        }
        System.out.println("result loaderCollected=" + (loaderRef.get() == null));
    }

    private static IsolatingLoader loader(String jar) throws Exception {
        return new IsolatingLoader("webapp-" + Paths.get(jar).getFileName(), new URL[]{Paths.get(jar).toUri().toURL()}, false);
    }

    private static DataSource hikari(ClassLoader loader, String name) throws Exception {
        Class<?> configClass = loader.loadClass("com.zaxxer.hikari.HikariConfig");
        Object config = configClass.getConstructor().newInstance();
        configClass.getMethod("setPoolName", String.class).invoke(config, name);
        configClass.getMethod("setJdbcUrl", String.class).invoke(config, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configClass.getMethod("setUsername", String.class).invoke(config, "sa");
        configClass.getMethod("setMaximumPoolSize", int.class).invoke(config, 2);
        configClass.getMethod("setMinimumIdle", int.class).invoke(config, 0);
        Class<?> dataSourceClass = loader.loadClass("com.zaxxer.hikari.HikariDataSource");
        return (DataSource) dataSourceClass.getConstructor(configClass).newInstance(config);
    }

    /** Waits until {@code expected} pool MBeans are there, then prints one line per pool. */
    private static void printPools(int expected) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName query = new ObjectName("poolscope:type=Pool,*");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.queryNames(query, null).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (ObjectName name : server.queryNames(query, null)) {
            System.out.println("pool " + server.getAttribute(name, "Name") + "|" + server.getAttribute(name, "Library")
                    + "|" + server.getAttribute(name, "LeasesOut"));
        }
        System.out.flush();
    }
}
