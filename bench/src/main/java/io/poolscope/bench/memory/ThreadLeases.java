package io.poolscope.bench.memory;

import io.poolscope.bridge.Recorder;
import io.poolscope.config.Options;
import io.poolscope.record.PoolHandle;
import io.poolscope.record.Recording;
import io.poolscope.record.StatisticsView;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The heap one pool's record keeps when its leases come from many threads: the recording should
 * keep memory per pool (and per connection), not per thread that ever used the pool.
 *
 * <p>A pool of {@value #CONNECTIONS} connections, a queue standing in for the pool itself: every
 * thread takes a connection from it (waiting when all are out, inside an open acquire, as a pool's
 * caller does) and returns it, reported to the recorder as the pool advice reports them. All
 * threads are started and parked first, then let go together. Before that, a rehearsal: the same
 * takes and returns with the recorder left out, so that the threads' own state is as alike as it
 * can be at both measurements. (A parked virtual thread's stack is kept on the heap and its size
 * still depends on where the thread waited, so with virtual threads the first figure below moves
 * from run to run; the second does not include it.) Measured, as heap in use after full collections:
 * <ul>
 * <li>while the threads are alive, parked after their leases, against the same threads parked
 *     after the rehearsal (so the threads themselves do not count);</li>
 * <li>after the threads ended and the recording's housekeeping ran, against the heap before any
 *     thread was made.</li>
 * </ul>
 * Both include the pool's own record, made at its first acquire.
 */
final class ThreadLeases {

    static final int CONNECTIONS = 8;
    /** Platform threads' stacks are not heap; kept small so 10,000 of them fit any machine. */
    private static final long PLATFORM_STACK_BYTES = 256 * 1024;
    private static final long THREADS_GONE_TIMEOUT_MILLIS = 10_000;
    private static final ThreadMXBean JVM_THREADS = ManagementFactory.getThreadMXBean();

    private final ThreadCase threadCase;
    private final Recorder recorder;
    private final Object pool = new Object();
    private final BlockingQueue<Object> idle = new ArrayBlockingQueue<>(CONNECTIONS);
    private final CountDownLatch ready;
    private final CountDownLatch rehearse = new CountDownLatch(1);
    private final CountDownLatch rehearsed;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch done;
    private final CountDownLatch finish = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private ThreadLeases(ThreadCase threadCase, Recorder recorder) {
        this.threadCase = threadCase;
        this.recorder = recorder;
        this.ready = new CountDownLatch(threadCase.threads);
        this.rehearsed = new CountDownLatch(threadCase.threads);
        this.done = new CountDownLatch(threadCase.threads);
        for (int i = 0; i < CONNECTIONS; i++) {
            idle.add(new Object());
        }
    }

    /** Runs {@code threadCase} on a recording of its own; returns its JSON object. */
    static String measure(ThreadCase threadCase) throws Exception {
        Recording recording = new Recording(Options.parse(threadCase.options, new Properties()), type -> new FakeIntrospector());
        ThreadLeases leases = new ThreadLeases(threadCase, recording.recorder());
        int liveThreads = JVM_THREADS.getThreadCount();
        long beforeThreads = Heap.settledAfterFullGc();

        Thread[] threads = new Thread[threadCase.threads];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = threadCase.virtual ? VirtualThreads.unstarted(leases::work)
                    : new Thread(null, leases::work, "lease-thread-" + i, PLATFORM_STACK_BYTES);
            threads[i].start();
        }
        leases.ready.await();
        leases.rehearse.countDown();
        leases.rehearsed.await();
        long parkedBefore = Heap.settledAfterFullGc();
        long startNanos = System.nanoTime();
        leases.go.countDown();
        leases.done.await();
        long elapsedNanos = System.nanoTime() - startNanos;
        long parkedAfter = Heap.settledAfterFullGc();
        leases.finish.countDown();
        for (int i = 0; i < threads.length; i++) {
            threads[i].join();
            threads[i] = null;
        }
        threads = null; // not even the array may count after the threads
        if (!threadCase.virtual) {
            awaitGone(liveThreads); // virtual threads are not listed; their carrier threads stay for the next case
        }
        leases.rethrow();
        recording.maintain(System.nanoTime()); // forgets what the ended threads left, as the scanner would
        long afterThreads = Heap.settledAfterFullGc();

        List<PoolHandle> pools = recording.pools();
        if (pools.isEmpty()) {
            throw new IllegalStateException(threadCase + ": the recorder saw no pool");
        }
        StatisticsView statistics = pools.get(0).statistics();
        if (statistics.acquires() == 0) {
            throw new IllegalStateException(threadCase + ": the recorder recorded no acquire");
        }

        long whileAlive = parkedAfter - parkedBefore;
        long afterEnd = afterThreads - beforeThreads;
        String result = String.format(Locale.ROOT,
                "{\"case\": \"threads\", \"options\": \"%s\", \"threadKind\": \"%s\", \"threads\": %d, \"pools\": 1,"
                        + " \"connections\": %d, \"cyclesPerThread\": %d, \"leases\": %d, \"bytesWhileAlive\": %d,"
                        + " \"bytesPerThreadWhileAlive\": %.1f, \"bytesAfterEnd\": %d, \"acquiresRecorded\": %d,"
                        + " \"releasesRecorded\": %d, \"internalErrors\": %d, \"seconds\": %.2f, \"jdk\": \"%s\"}",
                threadCase.options, threadCase.kind(), threadCase.threads, CONNECTIONS, threadCase.cyclesPerThread,
                (long) threadCase.threads * threadCase.cyclesPerThread, whileAlive, whileAlive / (double) threadCase.threads,
                afterEnd, statistics.acquires(), statistics.releases(), recording.errors().count(), elapsedNanos / 1e9,
                System.getProperty("java.version"));
        Reference.reachabilityFence(leases);
        Reference.reachabilityFence(recording);
        return result;
    }

    /**
     * A platform thread that {@code join()} saw end may still be referenced by the JVM's own record
     * of it until that is torn down; waiting until the JVM lists no more threads than before the case
     * keeps ended threads out of the heap measured next (this case's last, or the next case's first).
     */
    private static void awaitGone(int liveThreads) throws InterruptedException {
        long deadline = System.currentTimeMillis() + THREADS_GONE_TIMEOUT_MILLIS;
        while (JVM_THREADS.getThreadCount() > liveThreads) {
            if (System.currentTimeMillis() > deadline) {
                System.out.println("warning: " + (JVM_THREADS.getThreadCount() - liveThreads) + " ended threads still listed by the JVM");
                break;
            }
            Thread.sleep(10);
        }
    }

    private void work() {
        try {
            ready.countDown();
            park(rehearse);
            for (int i = 0; i < threadCase.cyclesPerThread; i++) {
                cycle(false);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            rehearsed.countDown();
        }
        try {
            park(go);
            for (int i = 0; i < threadCase.cyclesPerThread; i++) {
                cycle(true);
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            done.countDown();
        }
        try {
            park(finish); // alive, outside any acquire, until the heap is measured
        } catch (InterruptedException e) {
            failure.compareAndSet(null, e);
        }
    }

    // the same frame for every wait, so a virtual thread's stack is the same size at both measurements
    private static void park(CountDownLatch latch) throws InterruptedException {
        latch.await();
    }

    /**
     * One lease as HikariCP's advice reports it: acquire entered, connection handed out, acquire
     * left; then the release. Without {@code record}, the same takes and returns, unreported.
     */
    private void cycle(boolean record) throws InterruptedException {
        Object token = record ? recorder.acquireStart(pool) : null;
        Object connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            if (record) {
                recorder.acquireExit(token, e);
            }
            throw e;
        }
        if (record) {
            recorder.leased(pool, connection);
            recorder.acquireExit(token, null);
            recorder.released(connection);
        }
        idle.add(connection);
    }

    private void rethrow() throws Exception {
        Throwable e = failure.get();
        if (e instanceof Exception) {
            throw (Exception) e;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }
}
