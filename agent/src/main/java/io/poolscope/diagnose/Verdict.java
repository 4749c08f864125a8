package io.poolscope.diagnose;

import io.poolscope.config.Formats;
import io.poolscope.pools.PoolCounters;
import io.poolscope.record.LeaseView;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** A one-line reading of a pool's state that names the likely culprit. */
public final class Verdict {

    /** A timeout this recent still counts as the pool being exhausted. */
    private static final long RECENT_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String text;

    private Verdict(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * @param max            the pool's maximum size, -1 if unknown
     * @param leakThreshold  leases older than this (nanoseconds) count as suspected leaks; 0 = off
     */
    public static Verdict of(int max, PoolCounters counters, List<HolderGroup> groups, List<LeaseView> leases,
                             List<WaiterView> waiters, StatisticsView stats, long leakThreshold) {
        int seen = leases.size();
        int held = Math.max(seen, counters.active()); // the pool also counts leases taken before poolscope saw them
        boolean recentTimeout = stats.nanosSinceLastTimeout() < RECENT_TIMEOUT_NANOS;
        boolean exhausted = (max > 0 && held >= max) || !waiters.isEmpty() || recentTimeout;
        if (held == 0) {
            if (exhausted && stats.lastCreateFailed()) {
                return new Verdict("CANNOT CONNECT: no connection is out, yet acquires fail; opening one fails: "
                        + stats.lastCreateFailure());
            }
            return new Verdict(stats.timeouts() > 0 ? "RECOVERED: no connection is out now (" + stats.timeouts()
                    + " acquire timeouts so far)" : "HEALTHY: no connection is out");
        }
        if (exhausted && max > 0 && held < max && stats.lastCreateFailed()) {
            return new Verdict("POOL CANNOT GROW: " + connections(held) + " out of a maximum of " + max
                    + ", and opening more fails (" + stats.createFailures() + " failures so far); last: "
                    + stats.lastCreateFailure());
        }
        String unseen = held > seen ? "; " + (held - seen) + " more were taken before poolscope saw them" : "";
        HolderGroup leaking = mostPastThreshold(groups, leakThreshold);
        if (leaking != null) {
            int past = pastThreshold(leaking, leakThreshold);
            return new Verdict((exhausted ? "POOL EXHAUSTED BY A LEAK: " : "LEAK SUSPECTED: ") + past + " of "
                    + connections(held) + " out" + maxText(max) + " were taken at " + leaking.callSite()
                    + " and held past the leak threshold (" + Formats.duration(leakThreshold) + "), the oldest "
                    + Formats.duration(leaking.oldest().ageNanos()) + withoutStack(groups) + unseen);
        }
        if (groups.isEmpty()) {
            return new Verdict((exhausted ? "POOL EXHAUSTED: " : "BUSY: ") + connections(held) + " out" + maxText(max)
                    + ", " + waiters.size() + " threads waiting; poolscope saw none of them taken (taken before it started)");
        }
        HolderGroup top = groups.get(0);
        if (top.hasStack() && exhausted) {
            return new Verdict("POOL EXHAUSTED: " + top.size() + " of " + connections(held) + " out" + maxText(max)
                    + " are held by " + top.callSite() + ", oldest " + Formats.duration(top.oldest().ageNanos())
                    + "; " + waiters.size() + " threads waiting" + withoutStack(groups) + unseen);
        }
        if (exhausted) {
            return new Verdict("POOL EXHAUSTED: " + connections(held) + " out" + maxText(max) + ", " + waiters.size()
                    + " threads waiting; no acquisition stack was recorded for the holders"
                    + " (taken while the pool was healthy, or stacks=off)" + unseen);
        }
        return new Verdict("BUSY: " + connections(held) + " out" + (max > 0 ? " of " + max : "")
                + ", most at " + (top.hasStack() ? top.callSite() : "(stack not captured)") + unseen);
    }

    /** The group with a stack that has the most leases held past the threshold, or {@code null}. */
    private static HolderGroup mostPastThreshold(List<HolderGroup> groups, long leakThreshold) {
        if (leakThreshold <= 0) {
            return null;
        }
        HolderGroup best = null;
        int bestCount = 0;
        for (HolderGroup group : groups) {
            int past = group.hasStack() ? pastThreshold(group, leakThreshold) : 0;
            if (past > bestCount) {
                best = group;
                bestCount = past;
            }
        }
        return best;
    }

    private static int pastThreshold(HolderGroup group, long leakThreshold) {
        int count = 0;
        for (LeaseView lease : group.leases()) {
            if (lease.ageNanos() >= leakThreshold) {
                count++;
            }
        }
        return count;
    }

    private static String maxText(int max) {
        return max > 0 ? " (pool max " + max + ")" : "";
    }

    private static String connections(int count) {
        return count == 1 ? "1 connection" : count + " connections";
    }

    private static String withoutStack(List<HolderGroup> groups) {
        HolderGroup last = groups.get(groups.size() - 1);
        return last.hasStack() ? "" : "; " + last.size() + " more taken while the pool was healthy, without a recorded stack";
    }
}
