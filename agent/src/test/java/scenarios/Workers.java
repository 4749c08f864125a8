package scenarios;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Threads that each take a connection, use it and give it back {@code rounds} times, all started at once. */
public final class Workers {

    /** Workers that failed (their stack is printed), over every run in this JVM. */
    public static final AtomicLong FAILED = new AtomicLong();

    private Workers() {
    }

    /** Runs {@code threads} workers named {@code worker-N} on {@code pool} and waits for them. */
    public static void run(DataSource pool, int threads, int rounds, long holdMillis) throws InterruptedException {
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
                    FAILED.incrementAndGet();
                    e.printStackTrace();
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
