package io.poolscope.jfr;

import io.poolscope.config.Options;
import io.poolscope.record.Recording;
import org.example.fakepool.FakeIntrospector;
import org.example.fakepool.FakePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With the JFR events installed, an acquire and release in stacks=off still allocates nothing: while
 * no recording runs, and while one runs with the events enabled at their default thresholds that
 * these short waits and holds stay under.
 */
class JfrEventsAllocationTest {

    private static final int CYCLES = 20_000;
    private static com.sun.management.ThreadMXBean threads;

    private final Recording recording = new Recording(Options.parse("stacks=off", new Properties()),
            type -> new FakeIntrospector(8));
    private final FakePool pool = new FakePool(recording.recorder(), "orders");
    private final Object connection = new Object();

    {
        recording.observer(JfrEvents.create());
    }

    @BeforeAll
    static void allocationCounting() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    private static long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private long allocatedPerRun() {
        cycle(CYCLES); // warm-up
        long emptyMeasure = allocated();
        long overhead = allocated() - emptyMeasure;
        long before = allocated();
        cycle(CYCLES);
        return allocated() - before - overhead;
    }

    private void cycle(int cycles) {
        for (int i = 0; i < cycles; i++) {
            pool.close(pool.getConnection(connection));
        }
    }

    @Test
    void nothingIsMadeWhileNoRecordingRuns() {
        long bytes = allocatedPerRun();
        assertTrue(bytes < CYCLES / 10, bytes + " bytes for " + CYCLES + " acquires and releases");
        assertEquals(2L * CYCLES, recording.pools().get(0).statistics().releases());
    }

    @Test
    void nothingIsMadeForWaitsAndHoldsUnderTheThresholds() {
        Map<String, String> settings = new HashMap<>();
        settings.put("poolscope.ConnectionAcquired#enabled", "true");
        settings.put("poolscope.ConnectionReleased#enabled", "true");
        try (jdk.jfr.Recording jfr = new jdk.jfr.Recording(settings)) {
            jfr.start();
            long bytes = allocatedPerRun();
            assertTrue(bytes < CYCLES / 10, bytes + " bytes for " + CYCLES + " acquires and releases");
        }
    }
}
