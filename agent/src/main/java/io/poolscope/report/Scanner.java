package io.poolscope.report;

import io.poolscope.record.InternalErrors;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * poolscope's one background thread (a daemon): finds leases past the leak threshold, writes the
 * dumps the {@link Reporter} asks for, and does the recording's housekeeping. Application threads
 * wake it early when a pool times out.
 */
public final class Scanner implements Runnable {

    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Reporter reporter;
    private final InternalErrors errors;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Thread thread;
    private volatile boolean stopped;
    private Runnable firstTask = () -> { };

    public Scanner(Reporter reporter, InternalErrors errors) {
        this.reporter = reporter;
        this.errors = errors;
        reporter.wakeUpWith(this::wakeUp);
    }

    /** Starts the thread; {@code firstTask} runs on it before the first pass (work kept off the start-up path). */
    public synchronized void start(Runnable firstTask) {
        if (thread != null) {
            return;
        }
        this.firstTask = firstTask;
        Thread scanner = new Thread(this, "poolscope-scanner");
        scanner.setDaemon(true);
        scanner.setContextClassLoader(null);
        thread = scanner;
        scanner.start();
    }

    /** Runs {@code task} on the scanner thread at its next pass: how other threads hand it work. */
    public void later(Runnable task) {
        tasks.add(task);
        wakeUp();
    }

    public void stop() {
        stopped = true;
        wakeUp();
    }

    private void wakeUp() {
        Thread scanner = thread;
        if (scanner != null) {
            LockSupport.unpark(scanner);
        }
    }

    @Override
    public void run() {
        try {
            firstTask.run();
        } catch (Throwable error) {
            errors.record(error);
        }
        while (!stopped) {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                try {
                    task.run();
                } catch (Throwable error) {
                    errors.record(error);
                }
            }
            try {
                reporter.tick(System.nanoTime());
            } catch (Throwable error) {
                errors.record(error);
            }
            LockSupport.parkNanos(this, PERIOD_NANOS);
        }
    }
}
