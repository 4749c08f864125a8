package scenarios.contract;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * The application of the pool contract suite: the same scenarios on every pool library, run in a
 * forked JVM under the agent. {@code ContractApp <Kind> <scenario>}, where {@code <Kind>} names a
 * {@link PoolKind} of this package without its suffix ("Hikari", "Dbcp2", ...). Prints
 * {@code result key=value} lines; scenarios that stay up print {@code ready} and wait for a line on stdin.
 */
public final class ContractApp {

    static final String POOL_NAME = "contract-pool";
    static final String PASSWORD = "contract-secret-password";
    static final String URL = "jdbc:h2:mem:contract;DB_CLOSE_DELAY=-1";
    /** A database H2 will not create: every physical connection fails with H2's "not found" message. */
    static final String MISSING_DATABASE_URL = "jdbc:h2:file:/nonexistent-poolscope-dir/missing;IFEXISTS=TRUE";

    private final PoolKind kind;

    private ContractApp(PoolKind kind) {
        this.kind = kind;
    }

    public static void main(String[] args) throws Exception {
        PoolKind kind = (PoolKind) Class.forName("scenarios.contract." + args[0] + "Kind")
                .getDeclaredConstructor().newInstance();
        new ContractApp(kind).run(args[1], args.length > 2 ? args[2] : "");
    }

    private void run(String scenario, String argument) throws Exception {
        switch (scenario) {
            case "contention": contention(); break;
            case "exhaust": exhaust(); break;
            case "leak-returned": leakReturned(); break;
            case "create-failure": createFailure(); break;
            case "reclaim": reclaim(argument.isEmpty() ? "Reclaimed" : argument); break;
            case "wait-forever": waitForever(); break;
            case "late": late(); break;
            default: throw new IllegalArgumentException(scenario);
        }
    }

    private DataSource open(int max, long timeoutMillis) throws Exception {
        return kind.open(new PoolKind.Settings(URL, max, timeoutMillis, 0));
    }

    /** 4 threads share a pool of 2; each holds its connection ~5 ms, 25 times. */
    private void contention() throws Exception {
        DataSource pool = open(2, 10_000);
        workers(pool, 4, 25, 5);
        printPoolAttributes();
        kind.close(pool);
    }

    /** Both connections leak from LeakyRepository; the next acquire times out; stays up for the test. */
    private void exhaust() throws Exception {
        DataSource pool = open(2, 2000); // long enough for a cold JVM to open the two connections
        LeakyRepository repository = new LeakyRepository(pool);
        repository.leak();
        repository.leak();
        try (Connection extra = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true exception=" + e.getClass().getName());
        }
        System.out.println("result poolActive=" + kind.activeConnections(pool));
        printPoolAttributes();
        readyAndWait();
    }

    /** A connection held past the leak threshold (run with leakThreshold below holdMillis), then returned. */
    private void leakReturned() throws Exception {
        DataSource pool = open(2, 10_000);
        new SlowReport(pool).run(Long.getLong("holdMillis", 1500));
        readyAndWait();
        kind.close(pool);
    }

    /** The database refuses every physical connection: the acquire fails with the driver's message. */
    private void createFailure() throws Exception {
        DataSource pool = kind.open(new PoolKind.Settings(MISSING_DATABASE_URL, 2, 1000, 0));
        try (Connection connection = pool.getConnection()) {
            System.out.println("result acquired=true");
        } catch (SQLException e) {
            System.out.println("result acquired=false");
        }
        printPoolAttributes();
        kind.close(pool);
    }

    /**
     * The pool takes back a connection the application leaked; stays up for the test. {@code endedAs}
     * is the attribute that counts the end of that lease.
     */
    private void reclaim(String endedAs) throws Exception {
        DataSource pool = kind.open(new PoolKind.Settings(URL, 2, 10_000, 1));
        new LeakyRepository(pool).leak();
        awaitAttribute(endedAs, "1", 30);
        // the pool's next acquire runs its abandoned-connection check in some pools; this one must still work
        try (Connection connection = pool.getConnection()) {
            connection.isValid(1);
        }
        printPoolAttributes();
        readyAndWait();
    }

    /**
     * A pool that waits forever, all its connections leaked, and a thread waiting for one; stays up
     * for the test, then a leaked connection is returned and the waiter gets it.
     */
    private void waitForever() throws Exception {
        // H2 opens its engine on the first connection, which takes more than slowAcquire in a cold JVM on
        // a busy machine: done here, without a pool, so that the application's own first acquire (a pool
        // that opens its connections on demand waits for it) is not the slow acquire the scenario is about
        DriverManager.getConnection(URL, "sa", PASSWORD).close();
        DataSource pool = open(1, 0);
        Connection leaked = pool.getConnection();
        CountDownLatch served = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try (Connection connection = new Checkout(pool).waitForOne()) {
                served.countDown();
            } catch (SQLException e) {
                e.printStackTrace();
            }
        }, "forever-waiter");
        waiter.start();
        readyAndWait();
        leaked.close();
        System.out.println("result served=" + served.await(20, TimeUnit.SECONDS));
        waiter.join();
        printPoolAttributes();
        kind.close(pool);
    }

    /**
     * For an agent attached later: some traffic, then {@code ready}; after a line on stdin both
     * connections leak from LeakyRepository, the next acquire times out, {@code leaked}; stays up.
     */
    private void late() throws Exception {
        DataSource pool = open(2, 500);
        workers(pool, 2, 5, 0);
        readyAndWait();
        LeakyRepository repository = new LeakyRepository(pool);
        repository.leak();
        repository.leak();
        try (Connection extra = pool.getConnection()) {
            System.out.println("result timeout=false");
        } catch (SQLException e) {
            System.out.println("result timeout=true");
        }
        System.out.println("leaked");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        kind.close(pool); // the data source stays in use until here, as an application's would
    }

    // ---- the MBean poolscope registers for the pool ----

    static ObjectName poolMBean() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Set<ObjectName> names = server.queryNames(new ObjectName("poolscope:type=Pool,*"), null);
            if (names.size() == 1) {
                return names.iterator().next();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected one poolscope pool MBean, found " + names);
            }
            Thread.sleep(20);
        }
    }

    static void awaitAttribute(String attribute, String value, int seconds) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = poolMBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!String.valueOf(server.getAttribute(name, attribute)).equals(value)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(attribute + " did not reach " + value + ": " + server.getAttribute(name, attribute));
            }
            Thread.sleep(20);
        }
    }

    /**
     * poolscope's MBean shows one reading of the pool, taken again once it is a second old: waits
     * (polling, with a deadline) until the MBean shows a reading taken after this call began, so what
     * the scenario just did is in it.
     */
    public static void awaitReadingAfterNow(ObjectName name) throws Exception {
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

    /** Each attribute as {@code result <Attribute>=<value>}, one line each (values may hold spaces). */
    static void printPoolAttributes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = poolMBean();
        awaitReadingAfterNow(name);
        for (String attribute : new String[]{"Name", "Library", "Acquires", "LeasesTaken", "Releases", "Timeouts",
                "Failures", "Reclaimed", "ConnectionsClosedWhileOut", "LeasesOut", "WaitingThreads", "WaitMaxMillis", "HoldP50Millis",
                "ConnectionsCreated", "ConnectionCreationFailures", "MaxConnections", "ActiveConnections",
                "IdleConnections", "TotalConnections"}) {
            System.out.println("result " + attribute + "=" + server.getAttribute(name, attribute));
        }
        Object failure = server.getAttribute(name, "LastConnectionCreationFailure");
        System.out.println("result LastConnectionCreationFailure=" + String.valueOf(failure).replace('\n', ' '));
        Object configuration = server.getAttribute(name, "Configuration");
        System.out.println("result Configuration=" + String.valueOf(configuration).replace('\n', ' '));
        System.out.flush();
    }

    static void readyAndWait() throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
    }

    // ---- the application code whose call sites the dumps must name ----

    /** Forgets to close its connections. */
    static final class LeakyRepository {
        private static final List<Connection> LEAKED = new ArrayList<>();
        private final DataSource pool;

        LeakyRepository(DataSource pool) {
            this.pool = pool;
        }

        void leak() throws SQLException {
            LEAKED.add(pool.getConnection());
        }
    }

    /** Holds a connection for a long time, then closes it. */
    static final class SlowReport {
        private final DataSource pool;

        SlowReport(DataSource pool) {
            this.pool = pool;
        }

        void run(long holdMillis) throws Exception {
            try (Connection connection = pool.getConnection()) {
                Thread.sleep(holdMillis); // the slow work being simulated
            }
        }
    }

    /** Waits for a connection for as long as the pool makes it. */
    static final class Checkout {
        private final DataSource pool;

        Checkout(DataSource pool) {
            this.pool = pool;
        }

        Connection waitForOne() throws SQLException {
            return pool.getConnection();
        }
    }

    /** Threads that borrow, hold and return connections, all started together. */
    /** The shared workers, then their failures as a result line. */
    private static void workers(DataSource pool, int threads, int rounds, long holdMillis) throws InterruptedException {
        scenarios.Workers.run(pool, threads, rounds, holdMillis);
        System.out.println("result workerFailures=" + scenarios.Workers.FAILED.get());
    }
}
