package com.example.shop;

import java.time.Duration;

/** How the shop is set up and driven. Immutable: each with-method returns a changed copy. */
public final class ShopSettings {

    public static final String DEFAULT_JDBC_URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

    private final String jdbcUrl;
    private final int poolSize;
    private final int threads;
    private final Duration duration;
    private final Duration connectionTimeout;
    private final int declineOneIn;
    private final int pauseMillis;
    private final String pool;

    private ShopSettings(String jdbcUrl, int poolSize, int threads, Duration duration,
                         Duration connectionTimeout, int declineOneIn, int pauseMillis, String pool) {
        this.jdbcUrl = jdbcUrl;
        this.poolSize = requirePositive(poolSize, "pool size");
        this.threads = requirePositive(threads, "threads");
        this.duration = duration;
        this.connectionTimeout = connectionTimeout;
        this.declineOneIn = requirePositive(declineOneIn, "decline rate");
        this.pauseMillis = pauseMillis;
        this.pool = pool;
    }

    public static ShopSettings defaults() {
        return new ShopSettings(DEFAULT_JDBC_URL, 8, 12, Duration.ofSeconds(20), Duration.ofMillis(2000), 15, 5, "hikari");
    }

    public String jdbcUrl() { return jdbcUrl; }

    public int poolSize() { return poolSize; }

    /** Number of concurrent shoppers. */
    public int threads() { return threads; }

    /** How long the shoppers keep shopping. */
    public Duration duration() { return duration; }

    /** How long a request waits for a pooled connection before giving up. */
    public Duration connectionTimeout() { return connectionTimeout; }

    /** The payment gateway declines about one payment in this many. */
    public int declineOneIn() { return declineOneIn; }

    /** A shopper's think time between two page views. */
    public int pauseMillis() { return pauseMillis; }

    /** The pool library: hikari (the default), dbcp2, tomcat-dbcp, tomcat-jdbc, c3p0, vibur, agroal, druid, h2 or ucp. */
    public String pool() { return pool; }

    public ShopSettings withPool(String value) {
        return new ShopSettings(jdbcUrl, poolSize, threads, duration, connectionTimeout, declineOneIn, pauseMillis, value);
    }

    public ShopSettings withJdbcUrl(String value) {
        return new ShopSettings(value, poolSize, threads, duration, connectionTimeout, declineOneIn, pauseMillis, pool);
    }

    public ShopSettings withPoolSize(int value) {
        return new ShopSettings(jdbcUrl, value, threads, duration, connectionTimeout, declineOneIn, pauseMillis, pool);
    }

    public ShopSettings withThreads(int value) {
        return new ShopSettings(jdbcUrl, poolSize, value, duration, connectionTimeout, declineOneIn, pauseMillis, pool);
    }

    public ShopSettings withDuration(Duration value) {
        return new ShopSettings(jdbcUrl, poolSize, threads, value, connectionTimeout, declineOneIn, pauseMillis, pool);
    }

    public ShopSettings withConnectionTimeout(Duration value) {
        return new ShopSettings(jdbcUrl, poolSize, threads, duration, value, declineOneIn, pauseMillis, pool);
    }

    public ShopSettings withDeclineOneIn(int value) {
        return new ShopSettings(jdbcUrl, poolSize, threads, duration, connectionTimeout, value, pauseMillis, pool);
    }

    public ShopSettings withPauseMillis(int value) {
        return new ShopSettings(jdbcUrl, poolSize, threads, duration, connectionTimeout, declineOneIn, value, pool);
    }

    private static int requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }
}
