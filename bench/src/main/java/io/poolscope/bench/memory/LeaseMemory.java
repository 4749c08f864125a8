package io.poolscope.bench.memory;

import com.example.bench.Callers;
import io.poolscope.bench.CallerStack;
import io.poolscope.bridge.Recorder;
import io.poolscope.config.Options;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * How much heap the recording keeps. Drives {@link Recording} directly, through the
 * {@link Recorder} interface as the pool advice would, and compares the heap after full
 * collections before and after:
 * <ul>
 * <li>{@code leases}: leases that are never returned, with distinct connection keys that stay
 *     alive;</li>
 * <li>{@code platform}: one pool whose leases come from 1, 100 and 10,000 platform threads, each
 *     taking and returning a connection 10 times ({@link ThreadLeases});</li>
 * <li>{@code virtual}: the same from 100,000 virtual threads taking one connection each (and from
 *     one, for reference); JDK 21+ only, skipped with a message on older JVMs.</li>
 * </ul>
 *
 * <p>Run with the agent jar on the class path and -XX:+UseSerialGC:
 * {@code LeaseMemory [--cases=leases,platform,virtual] FILE}; writes a JSON array to FILE.
 */
public final class LeaseMemory {

    /** Frames on the stack below the leases, as a web application's would be. */
    private static final int STACK_PADDING = 50;
    private static final long INTERN_AFTER_MILLIS = 600;

    private static final List<MemoryCase> CASES = List.of(
            new MemoryCase("stacks=off", 100_000, 1, false),
            new MemoryCase("stacks=off", 200_000, 1, false),
            new MemoryCase("stacks=off,maxLeases=100000", 100_000, 1, false),
            new MemoryCase("stacks=full,maxLeases=100000", 100_000, 1, false),
            new MemoryCase("stacks=full,maxLeases=100000", 100_000, 1, true),
            new MemoryCase("stacks=full,maxLeases=100000", 100_000, Callers.COUNT, true),
            new MemoryCase("stacks=full", 100_000, 1, true),
            new MemoryCase("stacks=auto", 100_000, 1, true));

    private static final String[] THREAD_OPTIONS = {"stacks=off", "stacks=auto"};
    private static final int[] PLATFORM_THREADS = {1, 100, 10_000};
    private static final int PLATFORM_CYCLES = 10;
    /** One virtual thread too: the reference on the same JDK for the growth with 100,000. */
    private static final int[] VIRTUAL_THREADS = {1, 100_000};
    private static final int VIRTUAL_CYCLES = 1;
    private static final List<String> ALL_KINDS = List.of("leases", "platform", "virtual");

    private LeaseMemory() {
    }

    public static void main(String[] args) throws Exception {
        List<String> kinds = ALL_KINDS;
        String file = null;
        for (String arg : args) {
            if (arg.startsWith("--cases=")) {
                kinds = Arrays.asList(arg.substring("--cases=".length()).split(","));
                if (!ALL_KINDS.containsAll(kinds)) {
                    throw new IllegalArgumentException("--cases takes a list of " + ALL_KINDS + ", not " + arg);
                }
            } else {
                file = arg;
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: LeaseMemory [--cases=leases,platform,virtual] FILE");
        }
        List<String> results = new ArrayList<>();
        if (kinds.contains("leases")) {
            measureOnOwnThread(() -> measure(new MemoryCase("stacks=full", 2_000, 2, true))); // class loading, JIT, static tables
            for (MemoryCase memoryCase : CASES) {
                results.add(print(measureOnOwnThread(() -> measure(memoryCase))));
            }
        }
        if (kinds.contains("platform")) {
            // warm-up, with as many threads as the largest case: the JDK's thread group keeps an array as
            // long as the most threads it ever held, which would otherwise count in that case
            measureOnOwnThread(() -> ThreadLeases.measure(new ThreadCase("stacks=auto", PLATFORM_THREADS[PLATFORM_THREADS.length - 1], false, 1)));
            for (String options : THREAD_OPTIONS) {
                for (int threads : PLATFORM_THREADS) {
                    ThreadCase threadCase = new ThreadCase(options, threads, false, PLATFORM_CYCLES);
                    results.add(print(measureOnOwnThread(() -> ThreadLeases.measure(threadCase))));
                }
            }
        }
        if (kinds.contains("virtual")) {
            if (VirtualThreads.available()) {
                measureOnOwnThread(() -> ThreadLeases.measure(new ThreadCase("stacks=auto", 1_000, true, VIRTUAL_CYCLES))); // warm-up
                for (String options : THREAD_OPTIONS) {
                    for (int threads : VIRTUAL_THREADS) {
                        ThreadCase threadCase = new ThreadCase(options, threads, true, VIRTUAL_CYCLES);
                        results.add(print(measureOnOwnThread(() -> ThreadLeases.measure(threadCase))));
                    }
                }
            } else {
                System.out.println("virtual threads: skipped, they need JDK 21 or later and this JVM is " + System.getProperty("java.version"));
            }
        }
        write(Paths.get(file), results);
    }

    private static String print(String result) {
        System.out.println(result);
        return result;
    }

    /** One measurement, returning its JSON object. */
    private interface Measurement {
        String run() throws Exception;
    }

    /**
     * Each case on a thread of its own: if the recorder keeps per-thread state (a thread-local), a
     * thread that lives on would keep the previous case's recording reachable into the next baseline.
     */
    private static String measureOnOwnThread(Measurement measurement) throws Exception {
        String[] result = new String[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = measurement.run();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "lease-memory");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private static String measure(MemoryCase memoryCase) throws Exception {
        Recording recording = new Recording(Options.parse(memoryCase.options, new Properties()), type -> new FakeIntrospector());
        Object pool = new Object();
        Object[] connections = new Object[memoryCase.leases];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new Object();
        }
        long before = Heap.settledAfterFullGc(); // the previous case's thread may not be gone yet

        Recorder recorder = recording.recorder();
        Leases leases = new Leases(recorder, pool, connections, memoryCase.callSites);
        for (int i = 0; i < connections.length; i++) {
            CallerStack.call(STACK_PADDING, leases);
        }
        if (memoryCase.interned) {
            Thread.sleep(INTERN_AFTER_MILLIS);
            recording.maintain(System.nanoTime());
        }
        long after = Heap.usedAfterFullGc();

        PoolHandle handle = recording.pools().get(0);
        long tracked = connections.length - handle.untrackedLeases();
        String result = String.format(Locale.ROOT,
                "{\"case\": \"leases\", \"options\": \"%s\", \"interned\": %b, \"leases\": %d, \"tracked\": %d, \"untracked\": %d,"
                        + " \"callSites\": %d, \"callSitesStored\": %d, \"bytes\": %d, \"bytesPerTrackedLease\": %.1f, \"jdk\": \"%s\"}",
                memoryCase.options, memoryCase.interned, connections.length, tracked, handle.untrackedLeases(),
                memoryCase.callSites, recording.callSites().size(), after - before, (after - before) / (double) tracked,
                System.getProperty("java.version"));
        Reference.reachabilityFence(connections);
        Reference.reachabilityFence(pool);
        Reference.reachabilityFence(recording);
        return result;
    }

    /** Writes {@code results} (JSON objects) to {@code file} as one JSON array. */
    static void write(Path file, List<String> results) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("[");
            for (int i = 0; i < results.size(); i++) {
                out.println("  " + results.get(i) + (i + 1 < results.size() ? "," : ""));
            }
            out.println("]");
        }
    }
}
