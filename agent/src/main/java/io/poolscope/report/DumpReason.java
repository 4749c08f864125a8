package io.poolscope.report;

/** Why a dump was written. */
public enum DumpReason {
    EXHAUSTED("pool exhausted: an acquire timed out"),
    SLOW_ACQUIRE("slow acquire: a thread has waited longer than slowAcquire for a connection"),
    ON_DEMAND("on demand"),
    INTERVAL("periodic (dumpInterval)"),
    SHUTDOWN("JVM shutdown with connections still out");

    private final String text;

    DumpReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
