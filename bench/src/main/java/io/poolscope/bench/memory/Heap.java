package io.poolscope.bench.memory;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections; exact with -XX:+UseSerialGC, where System.gc() is a full stop-the-world GC. */
final class Heap {

    private Heap() {
    }

    static long usedAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
