package io.poolscope.bench.memory;

import io.poolscope.bridge.Recorder;
import io.poolscope.config.Options;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Bytes allocated per acquire + release with {@code stacks=off}, read from the JVM's per-thread
 * allocation counter ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) around the
 * cycles of one thread. Drives {@link Recording} directly through the {@link Recorder} interface,
 * as HikariCP's advice reports a lease: acquire entered, connection handed out, acquire left,
 * connection returned. No pool, so every byte counted is the recorder's.
 *
 * <p>Cases, after a warm-up that compiles both the steady path and a new thread's first lease:
 * <ul>
 * <li>one thread, one pool: the reference;</li>
 * <li>one thread alternating between two pools, one lease on each in turn;</li>
 * <li>a new thread's first lease, and its second; each on {@value #NEW_THREADS} new threads, one
 *     after the other.</li>
 * </ul>
 *
 * <p>{@code LeaseAllocation FILE}: writes a JSON array to FILE, one object per case, in bytes per
 * cycle over its samples.
 */
public final class LeaseAllocation {

    private static final String OPTIONS = "stacks=off";
    private static final int WARMUP_CYCLES = 300_000;
    private static final int WARMUP_THREADS = 200;
    private static final int ROUNDS = 5;
    private static final int ROUND_CYCLES = 100_000;
    private static final int NEW_THREADS = 200;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Recorder recorder;
    private final Object[] onePool = {new Object()};
    private final Object[] oneKey = {new Object()};
    private final Object[] twoPools = {onePool[0], new Object()};
    private final Object[] twoKeys = {oneKey[0], new Object()};

    private LeaseAllocation(Recorder recorder) {
        this.recorder = recorder;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LeaseAllocation FILE");
        }
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Recording recording = new Recording(Options.parse(OPTIONS, new Properties()), type -> new FakeIntrospector());
        LeaseAllocation harness = new LeaseAllocation(recording.recorder());

        onNewThread(() -> {
            harness.cycles(harness.onePool, harness.oneKey, WARMUP_CYCLES);
            harness.cycles(harness.twoPools, harness.twoKeys, WARMUP_CYCLES);
        });
        for (int i = 0; i < WARMUP_THREADS; i++) {
            onNewThread(harness::firstLeases);
        }

        List<String> results = new ArrayList<>();
        long[][] steady = new long[2][];
        onNewThread(() -> {
            harness.cycle(harness.onePool[0], harness.oneKey[0]); // this thread's first lease on each pool: not counted here
            harness.cycle(harness.twoPools[1], harness.twoKeys[1]);
            steady[0] = harness.rounds(harness.onePool, harness.oneKey);
            steady[1] = harness.rounds(harness.twoPools, harness.twoKeys);
        });
        results.add(print(result("one-pool", "one thread, one pool", steady[0], ROUND_CYCLES)));
        results.add(print(result("two-pools", "one thread alternating between two pools", steady[1], ROUND_CYCLES)));

        long[] first = new long[NEW_THREADS];
        long[] second = new long[NEW_THREADS];
        for (int i = 0; i < NEW_THREADS; i++) {
            int index = i;
            onNewThread(() -> {
                long[] bytes = harness.firstLeases();
                first[index] = bytes[0];
                second[index] = bytes[1];
            });
        }
        results.add(print(result("new-thread-first", "a new thread's first lease", first, 1)));
        results.add(print(result("new-thread-second", "a new thread's second lease", second, 1)));
        checkRecorded(recording);
        LeaseMemory.write(Paths.get(args[0]), results);
    }

    /** Fails unless the recorder recorded the cycles, without an internal error: a recorder that ignores them allocates nothing too. */
    private static void checkRecorded(Recording recording) {
        long acquires = 0;
        long releases = 0;
        for (PoolHandle pool : recording.pools()) {
            acquires += pool.statistics().acquires();
            releases += pool.statistics().releases();
        }
        long errors = recording.errors().count();
        System.out.println("recorded: " + recording.pools().size() + " pool(s), acquires=" + acquires + " releases=" + releases
                + " internalErrors=" + errors);
        if (recording.pools().size() != 2 || acquires == 0 || releases == 0 || errors != 0) {
            throw new IllegalStateException("the recorder did not record the cycles as expected");
        }
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** What reading the counter twice costs by itself (0 on JDK 17 and 25); subtracted from every sample. */
    private static long overhead() {
        long start = allocated();
        return allocated() - start;
    }

    /** Bytes allocated by each of {@link #ROUNDS} rounds of {@link #ROUND_CYCLES} cycles on {@code pools} in turn. */
    private long[] rounds(Object[] pools, Object[] keys) {
        long[] bytes = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long overhead = overhead();
            long start = allocated();
            cycles(pools, keys, ROUND_CYCLES);
            bytes[r] = allocated() - start - overhead;
        }
        return bytes;
    }

    /** On the current thread, its first two leases ever: the bytes each allocated. */
    private long[] firstLeases() {
        long overhead = overhead();
        long start = allocated();
        cycle(onePool[0], oneKey[0]);
        long afterFirst = allocated();
        cycle(onePool[0], oneKey[0]);
        long afterSecond = allocated();
        return new long[] {afterFirst - start - overhead, afterSecond - afterFirst - overhead};
    }

    private void cycles(Object[] pools, Object[] keys, int count) {
        for (int i = 0; i < count; i++) {
            int p = i % pools.length;
            cycle(pools[p], keys[p]);
        }
    }

    private void cycle(Object pool, Object key) {
        Object token = recorder.acquireStart(pool);
        recorder.leased(pool, key);
        recorder.acquireExit(token, null);
        recorder.released(key);
    }

    private static void onNewThread(Runnable task) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "lease-allocation");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new IllegalStateException("the measuring thread failed", failure[0]);
        }
    }

    private static String result(String id, String label, long[] samples, int cyclesPerSample) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        long total = 0;
        int nonZero = 0;
        for (long sample : sorted) {
            total += sample;
            nonZero += sample > 0 ? 1 : 0;
        }
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        return String.format(Locale.ROOT,
                "{\"case\": \"%s\", \"label\": \"%s\", \"options\": \"%s\", \"samples\": %d, \"cyclesPerSample\": %d,"
                        + " \"minBytesPerCycle\": %.3f, \"medianBytesPerCycle\": %.3f, \"maxBytesPerCycle\": %.3f,"
                        + " \"meanBytesPerCycle\": %.3f, \"samplesAllocating\": %d, \"samplesBytes\": %s, \"jdk\": \"%s\"}",
                id, label, OPTIONS, samples.length, cyclesPerSample, sorted[0] / (double) cyclesPerSample,
                median / cyclesPerSample, sorted[sorted.length - 1] / (double) cyclesPerSample,
                total / (double) samples.length / cyclesPerSample, nonZero, Arrays.toString(samples).replace(" ", ""),
                System.getProperty("java.version"));
    }

    private static String print(String result) {
        System.out.println(result);
        return result;
    }
}
