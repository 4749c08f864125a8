package com.example.shop;

import java.time.Duration;
import java.util.Optional;

/** The outcome of one scenario run, printable as a single line. */
public final class RunSummary {

    private final String scenario;
    private final Duration duration;
    private final long browses;
    private final long checkouts;
    private final long declines;
    private final long failures;
    private final long timeouts;
    private final Optional<Duration> firstTimeout;
    private final int leakedConnections;

    private RunSummary(String scenario, Duration duration, ShopStats stats, int leakedConnections) {
        this.scenario = scenario;
        this.duration = duration;
        this.browses = stats.browses();
        this.checkouts = stats.checkouts();
        this.declines = stats.declines();
        this.failures = stats.failures();
        this.timeouts = stats.timeouts();
        this.firstTimeout = stats.firstTimeout();
        this.leakedConnections = leakedConnections;
    }

    static RunSummary of(String scenario, Duration duration, ShopStats stats, int leakedConnections) {
        return new RunSummary(scenario, duration, stats, leakedConnections);
    }

    public String scenario() { return scenario; }

    public long browses() { return browses; }

    public long checkouts() { return checkouts; }

    public long declines() { return declines; }

    public long failures() { return failures; }

    public long timeouts() { return timeouts; }

    public Optional<Duration> firstTimeout() { return firstTimeout; }

    /** Connections still checked out of the pool after every shopper had stopped. */
    public int leakedConnections() { return leakedConnections; }

    @Override
    public String toString() {
        String first = firstTimeout.map(d -> String.format("%.1fs", d.toMillis() / 1000.0)).orElse("none");
        return String.format("summary: scenario=%s duration=%ds browses=%d checkouts=%d declined=%d failures=%d"
                        + " timeouts=%d first-timeout=%s leaked-connections=%d",
                scenario, duration.getSeconds(), browses, checkouts, declines, failures, timeouts, first, leakedConnections);
    }
}
