package io.poolscope.bench.memory;

/**
 * One measurement of the memory a pool's record keeps when many threads take leases: each thread
 * takes and returns a connection {@code cyclesPerThread} times, all threads at once.
 */
final class ThreadCase {

    final String options;
    final int threads;
    final boolean virtual;
    final int cyclesPerThread;

    ThreadCase(String options, int threads, boolean virtual, int cyclesPerThread) {
        this.options = options;
        this.threads = threads;
        this.virtual = virtual;
        this.cyclesPerThread = cyclesPerThread;
    }

    String kind() {
        return virtual ? "virtual" : "platform";
    }

    @Override
    public String toString() {
        return options + ", " + threads + " " + kind() + " thread(s) x " + cyclesPerThread + " lease(s)";
    }
}
