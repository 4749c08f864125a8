package scenarios;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application behind the Flight Recorder and Prometheus tests, in a forked JVM under the agent
 * on HikariCP and H2. {@code TelemetryApp <scenario>}: {@code jfr} makes each moment poolscope has
 * an event for (a long wait, a long hold, a timeout, a failed open, a leak); {@code exporter}
 * gives a pool some history for the JMX exporter to serve. Both print {@code result key=value}
 * lines, then {@code ready}, and wait for a line on stdin.
 */
public final class TelemetryApp {

    static final String POOL_NAME = "it-pool";
    static final String BAD_POOL_NAME = "bad-pool";
    /** A name an ObjectName must quote. */
    static final String QUOTED_POOL_NAME = "reports:eu";
    static final String DATABASE = "jdbc:h2:mem:telemetry;DB_CLOSE_DELAY=-1";

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "jfr") {
            case "jfr": flightRecorder(); break;
            case "exporter": exporter(); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    static HikariDataSource pool(String name, int size, long timeoutMs, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(DATABASE);
        config.setUsername("sa");
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(timeoutMs);
        if (name.equals(BAD_POOL_NAME)) {
            config.setInitializationFailTimeout(-1); // starts without a connection, and keeps trying
        }
        return new HikariDataSource(config);
    }

    /**
     * On a pool of one: 20 quick acquires (each shorter than the 10 ms wait threshold), then a
     * holder keeps the connection 150 ms past the moment a waiter is seen waiting, then an acquire
     * times out (the connection it waits for held meanwhile, about 300 ms: under the 1 s leak threshold
     * the test uses), a pool with a wrong password fails to open connections, and a connection leaks.
     */
    static void flightRecorder() throws Exception {
        HikariDataSource pool = pool(POOL_NAME, 1, 300, "it-secret-password");
        for (int i = 0; i < 20; i++) {
            try (Connection connection = pool.getConnection()) {
                connection.isValid(1);
            }
        }

        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> new SlowReport(pool).run(held), "holder");
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> new Checkout(pool).pay(), "waiter");
        waiter.start();
        holder.join();
        waiter.join();

        try (Connection taken = pool.getConnection()) {
            Thread impatient = new Thread(() -> new Checkout(pool).payInTime(), "impatient");
            impatient.start();
            impatient.join();
        }

        try (HikariDataSource bad = pool(BAD_POOL_NAME, 1, 500, "not-the-password")) {
            try (Connection never = bad.getConnection()) {
                System.out.println("result badPoolConnected=true");
            } catch (SQLException e) {
                System.out.println("result badPoolConnected=false");
            }
        }

        new LeakyDao(pool).leak();
        System.out.println("result jfrInitialized=" + flightRecorderInitialized());
        readyAndWait();
        pool.close();
    }

    /** "absent" where the runtime has no jdk.jfr; else whether Flight Recorder was started. */
    static String flightRecorderInitialized() throws Exception {
        if (!ModuleLayer.boot().findModule("jdk.jfr").isPresent()) {
            return "absent";
        }
        return String.valueOf(Class.forName("jdk.jfr.FlightRecorder").getMethod("isInitialized").invoke(null));
    }

    /**
     * A pool of 3 with history: 3 threads take 10 connections each (held ~2 ms), one acquire times
     * out while all three are out, then one connection stays out; and a second pool, whose name an
     * ObjectName quotes, gives out one connection. The scenario waits until poolscope's metrics
     * MBeans are registered.
     */
    static void exporter() throws Exception {
        HikariDataSource pool = pool(POOL_NAME, 3, 250, "it-secret-password");
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    try (Connection connection = pool.getConnection()) {
                        Thread.sleep(2); // the work done with the connection
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "worker-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(pool.getConnection());
        }
        try (Connection extra = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true");
        }
        all.get(0).close();
        all.get(1).close();
        HikariDataSource reports = pool(QUOTED_POOL_NAME, 1, 1000, "it-secret-password");
        reports.getConnection().close();
        awaitMBean(new ObjectName("poolscope:type=PoolMetrics,name=" + POOL_NAME));
        awaitMBean(new ObjectName("poolscope:type=PoolMetrics,name=" + ObjectName.quote(QUOTED_POOL_NAME)));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName poolBean = poolMBean(POOL_NAME);
        System.out.println("result acquires=" + server.getAttribute(poolBean, "Acquires")
                + " releases=" + server.getAttribute(poolBean, "Releases")
                + " created=" + server.getAttribute(poolBean, "ConnectionsCreated"));
        readyAndWait();
        all.get(2).close();
        reports.close();
        pool.close();
    }

    /** The pool's poolscope:type=Pool MBean, its name quoted or not. */
    static ObjectName poolMBean(String pool) throws Exception {
        ObjectName plain = new ObjectName("poolscope:type=Pool,name=" + pool);
        ObjectName quoted = new ObjectName("poolscope:type=Pool,name=" + ObjectName.quote(pool));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (ObjectName name : new ObjectName[]{plain, quoted}) {
                if (server.isRegistered(name)) {
                    return name;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(plain + " not registered");
    }

    static void awaitMBean(ObjectName name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not registered");
            }
            Thread.sleep(20);
        }
    }

    static void readyAndWait() throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    /** Holds its connection until a waiter is queued, then 150 ms more. */
    static final class SlowReport {
        private final HikariDataSource pool;

        SlowReport(HikariDataSource pool) {
            this.pool = pool;
        }

        void run(CountDownLatch held) {
            try (Connection connection = pool.getConnection()) {
                held.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1); // polling the pool's own count of waiters
                }
                Thread.sleep(150); // the slow report being simulated, while the waiter waits
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Checkout {
        private final HikariDataSource pool;

        Checkout(HikariDataSource pool) {
            this.pool = pool;
        }

        void pay() {
            try (Connection connection = pool.getConnection()) {
                connection.isValid(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void payInTime() {
            try (Connection connection = pool.getConnection()) {
                System.out.println("result impatientTimedOut=false");
            } catch (SQLException e) {
                System.out.println("result impatientTimedOut=true");
            }
        }
    }

    /** Application code that forgets to close its connection. */
    static final class LeakyDao {
        private static final List<Connection> LEAKED = new ArrayList<>();
        private final HikariDataSource pool;

        LeakyDao(HikariDataSource pool) {
            this.pool = pool;
        }

        void leak() throws SQLException {
            LEAKED.add(pool.getConnection());
        }
    }
}
