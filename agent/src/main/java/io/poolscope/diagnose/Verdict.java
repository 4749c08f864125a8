package io.poolscope.diagnose;

import io.poolscope.config.Formats;
import io.poolscope.record.LeaseView;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;

import java.util.List;

/** A one-line reading of a pool's state that names the likely culprit. */
public final class Verdict {

    private final String text;

    private Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    private static String connections(int count) {
        return count == 1 ? "1 connection" : count + " connections";
    }

    private static String withoutStack(List<HolderGroup> groups) {
        HolderGroup last = groups.get(groups.size() - 1);
        return last.hasStack() ? "" : "; " + last.size() + " more taken while the pool was healthy, without a recorded stack";
    }

    /**
     * @param max            the pool's maximum size, -1 if unknown
     * @param leakThreshold  leases older than this (nanoseconds) count as suspected leaks; 0 = off
     */
    public static Verdict of(int max, List<HolderGroup> groups, List<LeaseView> leases, List<WaiterView> waiters,
                             StatisticsView stats, long leakThreshold) {
        int held = leases.size();
        boolean exhausted = (max > 0 && held >= max) || !waiters.isEmpty() || stats.timeouts() > 0;
        if (held == 0) {
            if (stats.createFailures() > 0 && exhausted) {
                return new Verdict("CANNOT CONNECT: no connection is out, yet acquires fail; last creation failure: "
                        + stats.lastCreateFailure());
            }
            return new Verdict(exhausted ? "RECOVERED: no connection is out now (" + stats.timeouts()
                    + " acquire timeouts so far)" : "HEALTHY: no connection is out");
        }
        if (exhausted && max > 0 && held < max && stats.createFailures() > 0) {
            return new Verdict("POOL CANNOT GROW: " + connections(held) + " out of a maximum of " + max
                    + ", and opening more fails (" + stats.createFailures() + " failures); last: "
                    + stats.lastCreateFailure());
        }
        HolderGroup top = groups.get(0);
        long oldAge = top.oldest().ageNanos();
        String share = top.size() + " of " + connections(held) + " out" + (max > 0 ? " (pool max " + max + ")" : "");
        if (top.hasStack() && leakThreshold > 0 && oldAge >= leakThreshold) {
            return new Verdict((exhausted ? "POOL EXHAUSTED BY A LEAK: " : "LEAK SUSPECTED: ") + share
                    + " were taken at " + top.callSite() + " and held up to " + Formats.duration(oldAge)
                    + " (leak threshold " + Formats.duration(leakThreshold) + ")");
        }
        if (top.hasStack() && exhausted) {
            return new Verdict("POOL EXHAUSTED: " + share + " are held by " + top.callSite()
                    + ", oldest " + Formats.duration(oldAge) + "; " + waiters.size() + " threads waiting"
                    + withoutStack(groups));
        }
        if (exhausted) {
            return new Verdict("POOL EXHAUSTED: " + connections(held) + " out, " + waiters.size()
                    + " threads waiting; no acquisition stack was recorded for the holders"
                    + " (taken while the pool was healthy, or stacks=off)");
        }
        return new Verdict("BUSY: " + connections(held) + " out" + (max > 0 ? " of " + max : "")
                + ", most at " + (top.hasStack() ? top.callSite() : "(stack not captured)"));
    }
}
