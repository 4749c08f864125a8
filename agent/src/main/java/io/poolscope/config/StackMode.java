package io.poolscope.config;

import java.util.Locale;

/** How much of the acquisition stack poolscope keeps. */
public enum StackMode {
    /** No stacks: counts, times and live leases only. */
    OFF,
    /** A sample of leases while the pool is healthy, every lease while it is under pressure. */
    AUTO,
    /** Every lease. */
    FULL;

    static StackMode parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected off, auto or full");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
