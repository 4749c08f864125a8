package io.poolscope.bench.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Heap in use after full collections; exact with -XX:+UseSerialGC, where System.gc() is a full
 * stop-the-world GC. Read as each heap pool's usage at the end of that collection, not as the
 * heap's usage now: by then the measuring thread has a fresh thread-local allocation buffer, whose
 * whole size (adaptive, up to megabytes) would count as used.
 */
final class Heap {

    private static final int SETTLE_ATTEMPTS = 40;
    private static final long SETTLE_PAUSE_MILLIS = 50;
    private static final long SETTLED_BYTES = 1024;

    private Heap() {
    }

    static long usedAfterFullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, usedAtLastCollection());
        }
        return used;
    }

    /**
     * As {@link #usedAfterFullGc}, once it has stopped changing: what a thread that just ended held
     * is not always collectable at once (the JVM tears the thread down after {@code join()} returns),
     * and a baseline taken before that would count it against the next measurement.
     */
    static long settledAfterFullGc() throws InterruptedException {
        long previous = usedAfterFullGc();
        for (int i = 0; i < SETTLE_ATTEMPTS; i++) {
            Thread.sleep(SETTLE_PAUSE_MILLIS);
            long now = usedAfterFullGc();
            if (Math.abs(now - previous) < SETTLED_BYTES) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long usedAtLastCollection() {
        long used = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (usage != null) {
                used += usage.getUsed();
                any = true;
            }
        }
        return any ? used : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
