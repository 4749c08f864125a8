package io.poolscope.kit;

import io.poolscope.config.Options;
import io.poolscope.record.ActiveRecorder;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.PoolShapes.BorrowThenLease;
import org.example.fakepool.PoolShapes.Entry;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole recorder under a failover-like load: application threads acquire and release through
 * HikariCP's shape while a housekeeper evicts entries (some of them out), entries die and are
 * closed inside acquires, acquires time out, and dumps read the leases meanwhile. Every acquire
 * must end once and every lease must be out or ended once.
 */
class RecorderStressTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 100_000;

    @Test
    void countsBalanceUnderEvictionDeadEntriesAndTimeouts() throws Exception {
        Recording recording = new Recording(Options.parse("stacks=auto", new Properties()), type -> new FakeIntrospector(6));
        ActiveRecorder recorder = recording.recorder();
        BorrowThenLease pool = new BorrowThenLease(recorder, "stressed");
        pool.refillOnClose();
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Entry entry = new Entry();
            all.add(entry);
            pool.add(entry);
        }
        AtomicLong leases = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(THREADS + 2);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int round = 0; round < ROUNDS; round++) {
                        Entry entry;
                        try {
                            entry = pool.getConnection(2);
                        } catch (SQLException timeout) {
                            timeouts.incrementAndGet();
                            continue;
                        }
                        leases.incrementAndGet();
                        if (random.nextInt(64) == 0) {
                            entry.kill(); // the database dropped it while it was out: the next borrower closes it
                        }
                        pool.close(entry);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "app-" + t));
        }
        Thread housekeeper = new Thread(() -> {
            try {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!done.get()) {
                    Entry entry = all.get(random.nextInt(all.size()));
                    pool.evict(entry); // may be out: its lease ends here, and its holder's close finds nothing
                    Thread.yield();
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "housekeeper");
        Thread dumper = new Thread(() -> {
            try {
                start.await();
                while (!done.get()) {
                    for (PoolHandle handle : recording.pools()) {
                        recording.leases(handle, System.nanoTime());
                        StatisticsView stats = handle.statistics();
                        assertTrue(stats.releases() <= stats.leases(), "a snapshot never shows more releases than leases");
                        assertTrue(stats.leases() <= stats.acquires());
                    }
                    recording.maintain(System.nanoTime());
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "dumper");
        workers.forEach(Thread::start);
        housekeeper.start();
        dumper.start();
        for (Thread worker : workers) {
            worker.join();
        }
        done.set(true);
        housekeeper.join();
        dumper.join();

        assertNull(failure.get());
        StatisticsView stats = recording.pools().get(0).statistics();
        assertEquals(leases.get(), stats.leases(), "every lease the application got was recorded once");
        assertEquals(timeouts.get(), stats.timeouts(), "every timeout the application saw was counted once");
        assertEquals(0, stats.failures());
        assertTrue(stats.leases() > ROUNDS, "mostly leases, not timeouts: " + Contract.describe("stressed", stats, 0));
        Contract.assertBalanced(recording, pool);
    }
}
