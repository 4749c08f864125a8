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
            case "pg-failover": postgresFailover(); break;
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
        int heldBefore = Integer.getInteger("heldBeforeAttach", 0);
        HikariDataSource pool = pool(2 + heldBefore, 500);
        Workers.run(pool, 2, 5, 0);
        List<Connection> early = new ArrayList<>();
        for (int i = 0; i < heldBefore; i++) {
            early.add(pool.getConnection()); // out before poolscope is attached
        }
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
        if (heldBefore > 0) {
            for (Connection connection : early) {
                connection.close();
            }
            System.out.println("result earlyReturned=" + early.size());
            printPoolAttributes();
        }
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
        awaitReadingAfterNow(poolMBean());
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

    /**
     * A HikariCP pool of 3 on PostgreSQL whose server keeps killing its connections: 12 threads take
     * a connection, hold it up to 100 ms (in a query, or idle after one), return it, in a loop for
     * 4 s, with a 250 ms connectionTimeout (HikariCP's minimum), while another thread runs {@code
     * pg_terminate_backend} on every backend of this pool (found by its ApplicationName) every 20 ms.
     * HikariCP tests every connection it hands out ({@code aliveBypassWindowMs=-1}), so dead ones
     * are borrowed, found dead and closed inside {@code getConnection}, which then often throws its
     * timeout without the bag's borrow returning {@code null}. Each system property below changes
     * one number. The threads count what every acquire ended in; then, with the threads still alive,
     * every numeric attribute of poolscope's MBean is printed. A thread that does not finish its loop
     * is reported as stuck.
     */
    static void postgresFailover() throws Exception {
        int threads = Integer.getInteger("failoverThreads", 12);
        int size = Integer.getInteger("failoverPoolSize", 3);
        long timeoutMs = Long.getLong("failoverTimeoutMillis", 250);
        long durationMs = Long.getLong("failoverMillis", 4000);
        long killEveryMs = Long.getLong("killEveryMillis", 20);
        int holdMaxMs = Integer.getInteger("holdMaxMillis", 100);
        if (System.getProperty("com.zaxxer.hikari.aliveBypassWindowMs") == null) {
            System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "-1"); // read when the pool is created
        }
        String applicationName = "poolscope-it-failover-" + ProcessHandle.current().pid();
        String server = "jdbc:postgresql://127.0.0.1:5432/test";

        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(server + "?ApplicationName=" + applicationName + "&connectTimeout=5&socketTimeout=10");
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(timeoutMs);
        config.setValidationTimeout(250);
        HikariDataSource pool = new HikariDataSource(config);

        LongAdder attempts = new LongAdder();
        LongAdder successes = new LongAdder();
        LongAdder timeouts = new LongAdder();
        LongAdder acquireFailures = new LongAdder();
        LongAdder queryFailures = new LongAdder();
        LongAdder killed = new LongAdder();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMs);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        CountDownLatch exit = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    java.util.Random random = new java.util.Random();
                    while (System.nanoTime() - deadline < 0) {
                        attempts.increment();
                        Connection connection;
                        try {
                            connection = pool.getConnection();
                        } catch (java.sql.SQLTransientConnectionException e) {
                            timeouts.increment();
                            continue;
                        } catch (SQLException e) {
                            acquireFailures.increment();
                            continue;
                        }
                        successes.increment();
                        int holdMs = random.nextInt(holdMaxMs + 1);
                        try (Connection held = connection;
                             java.sql.Statement statement = held.createStatement()) {
                            if (random.nextBoolean()) {
                                statement.execute("SELECT pg_sleep(" + holdMs / 1000.0 + ")");
                            } else {
                                // held without a query: killed now, it goes back to the pool dead, unnoticed
                                statement.execute("SELECT 1");
                                Thread.sleep(holdMs);
                            }
                        } catch (SQLException e) {
                            queryFailures.increment(); // the server killed it while held
                        }
                    }
                    done.countDown();
                    exit.await(); // alive while the counters are read, as a thread of an application's own pool is
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "failover-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        Thread killer = new Thread(() -> {
            try (Connection admin = java.sql.DriverManager.getConnection(server, "postgres", "");
                 java.sql.PreparedStatement kill = admin.prepareStatement(
                         "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
                kill.setString(1, applicationName);
                while (System.nanoTime() - deadline < 0) {
                    try (java.sql.ResultSet result = kill.executeQuery()) {
                        result.next();
                        killed.add(result.getLong(1));
                    }
                    Thread.sleep(killEveryMs);
                }
            } catch (Exception e) {
                System.out.println("killer failed: " + e);
            }
        }, "failover-killer");
        killer.setDaemon(true);
        killer.start();
        start.countDown();

        boolean allEnded = done.await(durationMs + 3 * timeoutMs + 10_000, TimeUnit.MILLISECONDS);
        killer.join(5_000);
        System.out.println("result appThreadsStuck=" + (allEnded ? 0 : done.getCount())
                + " appAttempts=" + attempts.sum() + " appSuccesses=" + successes.sum()
                + " appTimeouts=" + timeouts.sum() + " appAcquireFailures=" + acquireFailures.sum()
                + " appQueryFailures=" + queryFailures.sum() + " appBackendsKilled=" + killed.sum());
        printAllPoolAttributes();
        exit.countDown();
        for (Thread worker : workers) {
            worker.join(1_000);
        }
        pool.close();
    }

    /** Uses a pool briefly and exits. */
    static void plain() throws Exception {
        try (HikariDataSource pool = pool(2, 5_000)) {
            Workers.run(pool, 2, 5, 0);
        }
        System.out.println("result done=true");
    }

    static ObjectName poolMBean() throws Exception {
        return new ObjectName("poolscope:type=Pool,name=" + POOL_NAME);
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

    /**
     * poolscope's MBean shows one reading of the pool, taken again once it is a second old: waits
     * (polling, with a deadline) until the MBean shows a reading taken after this call began, so what
     * the scenario just did is in it.
     */
    static void awaitReadingAfterNow(ObjectName name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long since = System.currentTimeMillis();
        java.text.SimpleDateFormat format = new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSS", java.util.Locale.ROOT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (format.parse((String) server.getAttribute(name, "SnapshotTime")).getTime() < since) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no new reading of " + name);
            }
            Thread.sleep(50);
        }
    }

    static void printPoolAttributes() throws Exception {
        waitForMBean();
        awaitReadingAfterNow(poolMBean());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String name : new String[]{"Acquires", "Releases", "Timeouts", "Failures", "LeasesOut", "WaitingThreads",
                "WaitMaxMillis", "HoldP50Millis", "ConnectionsCreated", "MaxConnections"}) {
            System.out.println("result " + name + "=" + server.getAttribute(poolMBean(), name));
        }
    }

    /** Every numeric attribute of the pool's MBean, whichever this agent version has. */
    static void printAllPoolAttributes() throws Exception {
        waitForMBean();
        awaitReadingAfterNow(poolMBean());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder line = new StringBuilder("result");
        for (javax.management.MBeanAttributeInfo attribute : server.getMBeanInfo(poolMBean()).getAttributes()) {
            String type = attribute.getType();
            if (type.equals("java.lang.Long") || type.equals("java.lang.Integer") || type.equals("long") || type.equals("int")) {
                line.append(' ').append(attribute.getName()).append('=')
                        .append(server.getAttribute(poolMBean(), attribute.getName()));
            }
        }
        System.out.println(line);
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
}
