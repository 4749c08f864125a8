package io.poolscope.kit;

import io.poolscope.config.Options;
import io.poolscope.record.Recording;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With stacks=off the recorder allocates nothing per acquire and release, also for a thread that
 * alternates between two pools and for a new thread's first lease: statistics and acquire frames
 * are made once, never per thread. Bytes are counted by the JVM per thread.
 */
class AllocationTest {

    private static final int CYCLES = 20_000;

    private static com.sun.management.ThreadMXBean threads;

    private final Recording recording = new Recording(Options.parse("stacks=off", new Properties()),
            type -> new FakeIntrospector(8));
    private final FakePool orders = new FakePool(recording.recorder(), "orders");
    private final FakePool reports = new FakePool(recording.recorder(), "reports");
    private final Object orderConnection = new Object();
    private final Object reportConnection = new Object();

    @BeforeAll
    static void allocationCounting() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    private static long allocatedByThisThread() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private void alternate(int cycles) {
        for (int i = 0; i < cycles; i++) {
            orders.close(orders.getConnection(orderConnection));
            reports.close(reports.getConnection(reportConnection));
        }
    }

    @Test
    void aThreadAlternatingBetweenTwoPoolsAllocatesNothingPerCycle() {
        alternate(CYCLES); // warm-up: the pools' handles and the connections' slots are made here
        long emptyMeasure = allocatedByThisThread();
        long overhead = allocatedByThisThread() - emptyMeasure;

        long before = allocatedByThisThread();
        alternate(CYCLES);
        long allocated = allocatedByThisThread() - before - overhead;

        assertTrue(allocated < CYCLES / 10, allocated + " bytes for " + CYCLES + " cycles of two pools");
        assertEquals(2L * CYCLES * 2, recording.pools().get(0).statistics().leases() + recording.pools().get(1).statistics().leases());
    }

    @Test
    void aNewThreadsFirstLeaseAllocatesNothing() throws Exception {
        alternate(CYCLES);
        AtomicLong allocated = new AtomicLong(-1);
        Thread fresh = new Thread(() -> {
            long emptyMeasure = allocatedByThisThread();
            long overhead = allocatedByThisThread() - emptyMeasure;
            long before = allocatedByThisThread();
            orders.close(orders.getConnection(orderConnection));
            allocated.set(allocatedByThisThread() - before - overhead);
        }, "first-lease");
        fresh.start();
        fresh.join();

        assertEquals(0, allocated.get(), "bytes allocated by a new thread's first acquire and release");
    }
}
