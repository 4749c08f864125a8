package com.example.shop;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the shoppers achieved and what went wrong, counted from the moment they start. */
public final class ShopStats {

    private static final long NOT_YET = -1;

    private final LongAdder browses = new LongAdder();
    private final LongAdder checkouts = new LongAdder();
    private final LongAdder declines = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final AtomicLong firstTimeoutAfterNanos = new AtomicLong(NOT_YET);
    private volatile long startNanos = System.nanoTime();

    void markStarted() {
        startNanos = System.nanoTime();
    }

    void recordBrowse() {
        browses.increment();
    }

    void recordCheckout() {
        checkouts.increment();
    }

    void recordDecline() {
        declines.increment();
    }

    void recordFailure(SQLException failure) {
        failures.increment();
        if (isPoolTimeout(failure)) {
            timeouts.increment();
            firstTimeoutAfterNanos.compareAndSet(NOT_YET, System.nanoTime() - startNanos);
        }
    }

    /**
     * How the pools report "no connection became free within connectionTimeout": each its own way
     * (HikariCP SQLTransientConnectionException, Vibur SQLTimeoutException, Tomcat PoolExhaustedException,
     * Druid GetConnectionTimeoutException, DBCP2 a NoSuchElementException cause, c3p0, Agroal and H2 a message,
     * Oracle UCP its error UCP-45064, "All connections in the Universal Connection Pool are in use").
     */
    static boolean isPoolTimeout(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getSimpleName();
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause instanceof SQLTransientConnectionException || cause instanceof java.sql.SQLTimeoutException
                    || cause instanceof java.util.NoSuchElementException || type.contains("Timeout")
                    || type.contains("PoolExhausted") || message.contains("timed out") || message.contains("timeout")
                    || message.contains("ucp-45064")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    public long browses() { return browses.sum(); }

    public long checkouts() { return checkouts.sum(); }

    public long declines() { return declines.sum(); }

    /** Database errors, timeouts included. */
    public long failures() { return failures.sum(); }

    /** Requests that gave up waiting for a pooled connection. */
    public long timeouts() { return timeouts.sum(); }

    public Optional<Duration> firstTimeout() {
        long nanos = firstTimeoutAfterNanos.get();
        return nanos == NOT_YET ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }
}
