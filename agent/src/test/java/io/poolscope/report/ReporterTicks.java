package io.poolscope.report;

/** Runs one pass of a reporter, as its scanner thread would, for tests in other packages. */
public final class ReporterTicks {

    private ReporterTicks() {
    }

    public static void tick(Reporter reporter, long nowNanos) {
        reporter.tick(nowNanos);
    }
}
