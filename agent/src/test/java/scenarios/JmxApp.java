package scenarios;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application the JMX tests watch from another JVM. {@code JmxApp notify}: pools that leak,
 * return, make a thread wait and fail to connect, one step per line read from stdin (each step
 * answers {@code result step=NAME}); {@code JmxApp load}: threads borrowing and returning
 * connections as fast as they can, until a line is read.
 */
public final class JmxApp {

    private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "notify") {
            case "notify": notifySteps(); break;
            case "load": load(); break;
            default: throw new IllegalArgumentException(args[0]);
        }
    }

    static HikariDataSource pool(String name, int size, long timeoutMs, String password) {
        return pool(name, size, timeoutMs, password, 1);
    }

    /** {@code initializationFailTimeout}: -1 lets a pool that cannot connect start anyway. */
    static HikariDataSource pool(String name, int size, long timeoutMs, String password, long initializationFailTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl("jdbc:h2:mem:jmx;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(timeoutMs);
        config.setInitializationFailTimeout(initializationFailTimeout);
        return new HikariDataSource(config);
    }

    static void awaitMBean(String pool) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("poolscope:type=Pool,name=" + pool);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not registered");
            }
            Thread.sleep(20);
        }
    }

    static void notifySteps() throws Exception {
        HikariDataSource main = pool("it-pool", 2, 500, "jmx-secret");
        HikariDataSource slow = pool("it-slow", 1, 3_000, "jmx-secret");
        main.getConnection().close();
        slow.getConnection().close();
        awaitMBean("it-pool");
        awaitMBean("it-slow");
        Connection leaked = null;
        List<Connection> kept = new ArrayList<>();
        say("ready");
        for (String step; (step = IN.readLine()) != null; ) {
            switch (step) {
                case "leak":
                    leaked = new Repository(main).forget();
                    break;
                case "return":
                    leaked.close();
                    break;
                case "slow":
                    kept.add(new Repository(slow).forget());
                    Thread waiter = new Thread(() -> new Repository(slow).waitForConnection(), "slow-waiter");
                    waiter.setDaemon(true);
                    waiter.start();
                    break;
                case "broken":
                    Thread broken = new Thread(() -> new Repository(pool("it-broken", 1, 5_000, "wrong password", -1))
                            .waitForConnection(), "broken-caller");
                    broken.setDaemon(true);
                    broken.start();
                    break;
                case "exit":
                    return;
                default:
                    throw new IllegalArgumentException(step);
            }
            say("result step=" + step);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The application's data access: the call sites poolscope names. */
    static final class Repository {
        private final HikariDataSource pool;

        Repository(HikariDataSource pool) {
            this.pool = pool;
        }

        /** Takes a connection and never closes it here. */
        Connection forget() throws SQLException {
            return pool.getConnection();
        }

        /** Asks for a connection and gives up when the pool says so. */
        void waitForConnection() {
            try (Connection connection = pool.getConnection()) {
                say("result waited=got");
            } catch (SQLException e) {
                say("result waited=" + e.getClass().getSimpleName());
            }
        }
    }

    /** Four threads borrowing and returning, a fifth of a millisecond apart, on a pool of four, until a line is read. */
    static void load() throws Exception {
        HikariDataSource pool = pool("it-load", 4, 5_000, "jmx-secret");
        pool.getConnection().close();
        awaitMBean("it-load");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    try (Connection connection = pool.getConnection()) {
                        connection.isValid(1);
                        rounds.incrementAndGet();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000L); // steady load, not a spinning CPU
                }
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        say("ready");
        IN.readLine();
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        say("result rounds=" + rounds.get());
        pool.close();
    }
}
