package io.poolscope.bench.memory;

import com.example.bench.Callers;
import io.poolscope.bench.CallerStack;
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
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * How much heap the recording keeps for leases that are never returned. Drives
 * {@link Recording} directly, as the pool advice would, with distinct connection keys that stay
 * alive, and compares the heap after full collections before and after.
 *
 * <p>Run with the agent jar on the class path and -XX:+UseSerialGC; writes a JSON array to the
 * file named by the first argument.
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

    private LeaseMemory() {
    }

    public static void main(String[] args) throws Exception {
        measureOnOwnThread(new MemoryCase("stacks=full", 2_000, 2, true)); // class loading, JIT, static tables
        List<String> results = new ArrayList<>();
        for (MemoryCase memoryCase : CASES) {
            String result = measureOnOwnThread(memoryCase);
            System.out.println(result);
            results.add(result);
        }
        write(Paths.get(args[0]), results);
    }

    /**
     * Each case on a thread of its own: the recorder keeps per-thread state in a thread-local, and a
     * thread that lives on would keep the previous case's recording reachable into the next baseline.
     */
    private static String measureOnOwnThread(MemoryCase memoryCase) throws Exception {
        String[] result = new String[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = measure(memoryCase);
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
        long before = Heap.usedAfterFullGc();

        Leases leases = new Leases(recording.recorder(), pool, connections, memoryCase.callSites);
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
                "{\"options\": \"%s\", \"interned\": %b, \"leases\": %d, \"tracked\": %d, \"untracked\": %d,"
                        + " \"callSites\": %d, \"callSitesStored\": %d, \"bytes\": %d, \"bytesPerTrackedLease\": %.1f}",
                memoryCase.options, memoryCase.interned, connections.length, tracked, handle.untrackedLeases(),
                memoryCase.callSites, recording.callSites().size(), after - before, (after - before) / (double) tracked);
        Reference.reachabilityFence(connections);
        Reference.reachabilityFence(pool);
        Reference.reachabilityFence(recording);
        return result;
    }

    private static void write(Path file, List<String> results) throws IOException {
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
