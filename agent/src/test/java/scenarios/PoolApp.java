package scenarios;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The application the integration tests run in a forked JVM, under the agent, on whichever
 * HikariCP version is on its class path. {@code PoolApp <scenario>}; prints {@code result key=value}
 * lines; scenarios that stay up for the test print {@code ready} and wait for a line on stdin.
 */
public final class PoolApp {

    static final String POOL_NAME = "it-pool";

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "contention";
        switch (scenario) {
            case "contention": contention(); break;
            case "exhaust": exhaust(); break;
            case "leak-returned": leakReturned(); break;
            case "collect": collect(); break;
            case "serve": serve(); break;
            case "plain": plain(); break;
            case "pg-refused": postgresRefuses(); break;
            case "late": late(); break;
            case "evict": evict(); break;
            case "churn": churn(); break;
            default: throw new IllegalArgumentException(scenario);
        }
    }

    static HikariDataSource pool(int size, long timeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl("jdbc:h2:mem:it;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("it-secret-password");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(timeoutMs);
        return new HikariDataSource(config);
    }

    /** 4 threads share a pool of 2; each holds its connection ~5 ms, 25 times. */
    static void contention() throws Exception {
        try (HikariDataSource pool = pool(2, 10_000)) {
            Workers.run(pool, 4, 25, 5);
            printPoolAttributes();
        }
    }

    /** All four connections leak from LeakyRepository; the next acquire times out; stays up for the test. */
    static void exhaust() throws Exception {
        Module hikari = HikariDataSource.class.getModule();
        System.out.println("result hikariModule=" + (hikari.isNamed() ? hikari.getName() : "unnamed"));
        HikariDataSource pool = pool(4, 500);
        for (int i = 0; i < 4; i++) {
            new LeakyRepository(pool).leak();
        }
        try (Connection extra = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true exception=" + e.getClass().getName());
        }
        readyAndWait();
    }

    /** A connection held past the leak threshold, then returned. */
    static void leakReturned() throws Exception {
        try (HikariDataSource pool = pool(2, 10_000)) {
            new SlowReport(pool).run(TimeUnit.MILLISECONDS.toMillis(Long.getLong("holdMillis", 1500)));
            readyAndWait();
        }
    }

    /** A leaked connection that the application drops must be collectable. */
    static void collect() throws Exception {
        HikariDataSource pool = pool(2, 10_000);
        WeakReference<Connection> leaked = new WeakReference<>(pool.getConnection());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (leaked.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50); // giving the collector time, not synchronising with another thread
        }
        System.out.println("result collected=" + (leaked.get() == null));
        pool.close();
    }

    /** A pool with one leaked connection and some history; stays up for a JMX client. */
    static void serve() throws Exception {
        HikariDataSource pool = pool(3, 500);
        Workers.run(pool, 2, 10, 1);
        new LeakyRepository(pool).leak();
        waitForMBean();
        readyAndWait();
    }

    /**
     * PostgreSQL refuses all but one connection of a role limited to one: the pool cannot grow, the
     * second acquire times out, and the driver's refusal is what poolscope must show.
     */
    static void postgresRefuses() throws Exception {
        String admin = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection connection = java.sql.DriverManager.getConnection(admin, "postgres", "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS poolscope_it_limited");
            statement.execute("CREATE ROLE poolscope_it_limited LOGIN CONNECTION LIMIT 1");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(admin);
        config.setUsername("poolscope_it_limited");
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(3);
        config.setConnectionTimeout(1500);
        HikariDataSource pool = new HikariDataSource(config);
        Connection first = pool.getConnection();
        try (Connection second = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true");
        }
        readyAndWait();
        first.close();
        pool.close();
    }

    /**
     * A pool in use before any agent is there; after the test attaches one, two connections leak and
     * the next acquire times out.
     */
    static void late() throws Exception {
        HikariDataSource pool = pool(2, 500);
        Workers.run(pool, 2, 5, 0);
        readyAndWait();
        new LeakyRepository(pool).leak();
        new LeakyRepository(pool).leak();
        try (Connection extra = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true");
        }
        System.out.println("leaked");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    /**
     * Connections HikariCP closes itself while they are out: one evicted while held, then the pool
     * shut down with another still out. Neither goes through recycle.
     */
    static void evict() throws Exception {
        HikariDataSource pool = pool(3, 5_000);
        Connection evicted = pool.getConnection();
        pool.evictConnection(evicted);
        evicted.close();
        Connection heldAtShutdown = pool.getConnection();
        waitForMBean();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        System.out.println("result leasesBeforeShutdown=" + server.getAttribute(poolMBean(), "LeasesOut"));
        pool.close();
        System.out.println("result leasesAfterShutdown=" + server.getAttribute(poolMBean(), "LeasesOut"));
        System.out.println("result closedWhileOut=" + server.getAttribute(poolMBean(), "ConnectionsClosedWhileOut"));
        heldAtShutdown.close();
    }

    /**
     * 4 threads on a pool of 2 take and return connections as fast as they can for {@code churnMillis}
     * (1500 ms by default): long enough for the JIT to compile HikariCP's borrow and return paths with
     * poolscope's advice inlined (C2 too, under the JVM's default settings). The threads count their
     * own acquires, for comparison with poolscope's.
     */
    static void churn() throws Exception {
        long nanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong("churnMillis", 1500));
        try (HikariDataSource pool = pool(2, 10_000)) {
            LongAdder acquires = new LongAdder();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        long deadline = System.nanoTime() + nanos;
                        while (System.nanoTime() - deadline < 0) {
                            try (Connection connection = pool.getConnection()) {
                                acquires.increment();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "churn-" + t);
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            System.out.println("result appAcquires=" + acquires.sum());
            printPoolAttributes();
        }
    }

    /** Uses a pool briefly and exits. */
    static void plain() throws Exception {
        try (HikariDataSource pool = pool(2, 5_000)) {
            Workers.run(pool, 2, 5, 0);
        }
        System.out.println("result done=true");
    }

    static ObjectName poolMBean() throws Exception {
        return new ObjectName("poolscope:type=Pool,name=" + ObjectName.quote(POOL_NAME));
    }

    static void waitForMBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(poolMBean())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("poolscope MBean not registered");
            }
            Thread.sleep(20);
        }
    }

    static void printPoolAttributes() throws Exception {
        waitForMBean();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String name : new String[]{"Acquires", "Releases", "Timeouts", "Failures", "LeasesOut", "WaitingThreads",
                "WaitMaxMillis", "HoldP50Millis", "ConnectionsCreated", "MaxConnections"}) {
            System.out.println("result " + name + "=" + server.getAttribute(poolMBean(), name));
        }
    }

    static void readyAndWait() throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    /** Application code that forgets to close its connections. */
    static final class LeakyRepository {
        private final HikariDataSource pool;
        private static final List<Connection> LEAKED = new ArrayList<>();

        LeakyRepository(HikariDataSource pool) {
            this.pool = pool;
        }

        void leak() throws SQLException {
            LEAKED.add(pool.getConnection());
        }
    }

    /** Application code that holds a connection for a long time, then closes it. */
    static final class SlowReport {
        private final HikariDataSource pool;

        SlowReport(HikariDataSource pool) {
            this.pool = pool;
        }

        void run(long holdMillis) throws Exception {
            try (Connection connection = pool.getConnection()) {
                Thread.sleep(holdMillis); // the slow work being simulated
            }
        }
    }

    /** Threads that borrow, hold and return connections, all started together. */
    static final class Workers {
        static void run(HikariDataSource pool, int threads, int rounds, long holdMillis) throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < rounds; i++) {
                            try (Connection connection = pool.getConnection()) {
                                connection.isValid(1);
                                if (holdMillis > 0) {
                                    Thread.sleep(holdMillis);
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "worker-" + t);
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }
}
