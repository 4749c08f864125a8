package io.poolscope.diagnose;

import io.poolscope.config.Formats;
import io.poolscope.record.LeaseView;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A reading of a pool's state that names the likely culprit: its {@link VerdictKind}, the call site
 * it names, the numbers behind it, and the sentence a person reads. The same value feeds the dump,
 * the log, JMX, notifications and JFR.
 */
public final class Verdict {

    /** A timeout this recent still counts as the pool being exhausted. */
    private static final long RECENT_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Whether the pool may hold connections that poolscope did not see taken, and why. */
    public enum Unseen {
        /** poolscope saw every lease (it started with the JVM): the pool's own count claims nothing more. */
        NONE(null),
        /** poolscope was attached to a running JVM (or turned on again after {@code off}). */
        TAKEN_BEFORE_ATTACH("taken before poolscope was attached"),
        /** Some leases were counted but not tracked, because {@code maxLeases} was reached. */
        NOT_TRACKED("not tracked (maxLeases was reached)");

        private final String reason;

        Unseen(String reason) {
            this.reason = reason;
        }
    }

    private final VerdictKind kind;
    private final String text;
    private final String callSite;
    private final int connectionsOut;
    private final int connectionsSeen;
    private final int maxConnections;
    private final int threadsWaiting;
    private final int connectionsAtCallSite;
    private final int heldPastLeakThreshold;
    private final int withoutStack;
    private final long oldestHeldNanos;
    private final long leakThresholdNanos;
    private final long timeouts;
    private final long connectionFailures;
    private final String lastConnectionFailure;

    private Verdict(Builder b, VerdictKind kind, String text) {
        this.kind = kind;
        this.text = kind.headline() + ": " + text;
        this.callSite = b.callSite;
        this.connectionsOut = b.held;
        this.connectionsSeen = b.seen;
        this.maxConnections = b.max;
        this.threadsWaiting = b.waiting;
        this.connectionsAtCallSite = b.atCallSite;
        this.heldPastLeakThreshold = b.pastThreshold;
        this.withoutStack = b.withoutStack;
        this.oldestHeldNanos = b.oldestNanos;
        this.leakThresholdNanos = b.leakThreshold;
        this.timeouts = b.timeouts;
        this.connectionFailures = b.createFailures;
        this.lastConnectionFailure = b.lastCreateFailure;
    }

    /** The facts a verdict is built from, gathered as it is decided. */
    private static final class Builder {
        String callSite;
        int held;
        int seen;
        int max;
        int waiting;
        int atCallSite;
        int pastThreshold;
        int withoutStack;
        long oldestNanos;
        long leakThreshold;
        long timeouts;
        long createFailures;
        String lastCreateFailure;

        Verdict build(VerdictKind kind, String text) {
            return new Verdict(this, kind, text);
        }
    }

    public VerdictKind kind() {
        return kind;
    }

    /** The sentence, beginning with the kind's headline. */
    public String text() {
        return text;
    }

    /** The call site the verdict names (where the connections in question were taken), or {@code null}. */
    public String callSite() {
        return callSite;
    }

    /** Connections out: those poolscope saw, or the pool's own count where it may hold some poolscope did not see. */
    public int connectionsOut() {
        return connectionsOut;
    }

    /** Connections out that poolscope saw taken. */
    public int connectionsSeen() {
        return connectionsSeen;
    }

    /** Connections out that poolscope did not see taken ({@link Unseen}); 0 when it saw every lease. */
    public int connectionsUnseen() {
        return connectionsOut - connectionsSeen;
    }

    /** The pool's maximum size, -1 if unknown. */
    public int maxConnections() {
        return maxConnections;
    }

    public int threadsWaiting() {
        return threadsWaiting;
    }

    /** Connections out that were taken at {@link #callSite()} (0 without one). */
    public int connectionsAtCallSite() {
        return connectionsAtCallSite;
    }

    /** Of those taken at {@link #callSite()}, the ones held past the leak threshold (leak verdicts only). */
    public int heldPastLeakThreshold() {
        return heldPastLeakThreshold;
    }

    /** Connections out without a recorded acquisition stack. */
    public int connectionsWithoutStack() {
        return withoutStack;
    }

    /** The longest hold among the connections the verdict speaks of (0 if none is out). */
    public long oldestHeldNanos() {
        return oldestHeldNanos;
    }

    public long leakThresholdNanos() {
        return leakThresholdNanos;
    }

    /** Acquire timeouts so far. */
    public long timeouts() {
        return timeouts;
    }

    /** Connections that failed to open so far. */
    public long connectionFailures() {
        return connectionFailures;
    }

    /** The driver's message for the last connection that failed to open, or {@code null}. */
    public String lastConnectionFailure() {
        return lastConnectionFailure;
    }

    /**
     * The numbers behind the verdict, by name, in a fixed order (durations in milliseconds): what
     * JMX, notifications and JFR show next to the kind and the sentence.
     */
    public Map<String, Long> numbers() {
        Map<String, Long> numbers = new LinkedHashMap<>();
        numbers.put("connectionsOut", (long) connectionsOut);
        numbers.put("connectionsSeen", (long) connectionsSeen);
        numbers.put("connectionsUnseen", (long) connectionsUnseen());
        numbers.put("maxConnections", (long) maxConnections);
        numbers.put("threadsWaiting", (long) threadsWaiting);
        numbers.put("connectionsAtCallSite", (long) connectionsAtCallSite);
        numbers.put("heldPastLeakThreshold", (long) heldPastLeakThreshold);
        numbers.put("connectionsWithoutStack", (long) withoutStack);
        numbers.put("oldestHeldMillis", TimeUnit.NANOSECONDS.toMillis(oldestHeldNanos));
        numbers.put("leakThresholdMillis", TimeUnit.NANOSECONDS.toMillis(leakThresholdNanos));
        numbers.put("timeouts", timeouts);
        numbers.put("connectionFailures", connectionFailures);
        return Collections.unmodifiableMap(numbers);
    }

    /** The names of {@link #numbers()}, in order. */
    public static List<String> numberNames() {
        return NUMBER_NAMES;
    }

    /** What one of {@link #numbers()} means, for a tool's description of it. */
    public static String describeNumber(String name) {
        String description = NUMBER_DESCRIPTIONS.get(name);
        if (description == null) {
            throw new IllegalArgumentException("no verdict number " + name);
        }
        return description;
    }

    private static final Map<String, String> NUMBER_DESCRIPTIONS = descriptions(
            "connectionsOut", "Connections out (poolscope's count, or the pool's where poolscope may have missed some)",
            "connectionsSeen", "Connections out that poolscope saw taken",
            "connectionsUnseen", "Connections out that poolscope did not see taken (attached later, or maxLeases reached)",
            "maxConnections", "The pool's maximum size (-1 unknown)",
            "threadsWaiting", "Threads waiting for a connection",
            "connectionsAtCallSite", "Connections out that were taken at the call site the verdict names",
            "heldPastLeakThreshold", "Of those, the ones held past leakThreshold (leak verdicts)",
            "connectionsWithoutStack", "Connections out without a recorded acquisition stack",
            "oldestHeldMillis", "The longest hold among the connections the verdict speaks of, in milliseconds",
            "leakThresholdMillis", "leakThreshold in force, in milliseconds (0 = off)",
            "timeouts", "Acquire timeouts so far",
            "connectionFailures", "Connections that failed to open so far");

    private static Map<String, String> descriptions(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static final List<String> NUMBER_NAMES = Collections.unmodifiableList(new java.util.ArrayList<>(
            NUMBER_DESCRIPTIONS.keySet()));

    @Override
    public String toString() {
        return text;
    }

    /**
     * @param max            the pool's maximum size, -1 if unknown
     * @param poolActive     connections out as the pool counts them, -1 if unknown; only used where
     *                       {@code unseen} says the pool may hold connections poolscope did not see
     * @param leases         the live leases poolscope sees, oldest first
     * @param leakThreshold  leases older than this (nanoseconds) count as suspected leaks; 0 = off
     * @param unseen         whether connections may be out that poolscope did not see taken
     */
    public static Verdict of(int max, int poolActive, List<HolderGroup> groups, List<LeaseView> leases,
                             List<WaiterView> waiters, StatisticsView stats, long leakThreshold, Unseen unseen) {
        Builder b = new Builder();
        int seen = leases.size();
        // a lease taken while the pool's count is read must not pass for one poolscope missed: the
        // pool's count is used only where poolscope may really have missed some
        int held = unseen == Unseen.NONE ? seen : Math.max(seen, poolActive);
        b.seen = seen;
        b.held = held;
        b.max = max;
        b.waiting = waiters.size();
        b.leakThreshold = leakThreshold;
        b.timeouts = stats.timeouts();
        b.createFailures = stats.createFailures();
        b.lastCreateFailure = stats.lastCreateFailure();
        b.oldestNanos = leases.isEmpty() ? 0 : leases.get(0).ageNanos();
        b.withoutStack = groups.isEmpty() || groups.get(groups.size() - 1).hasStack() ? 0
                : groups.get(groups.size() - 1).size();
        boolean recentTimeout = stats.nanosSinceLastTimeout() < RECENT_TIMEOUT_NANOS;
        boolean exhausted = (max > 0 && held >= max) || !waiters.isEmpty() || recentTimeout;
        if (held == 0) {
            if (exhausted && stats.lastCreateFailed()) {
                return b.build(VerdictKind.CANNOT_CONNECT, "no connection is out, yet acquires fail; opening one fails: "
                        + stats.lastCreateFailure());
            }
            return stats.timeouts() > 0
                    ? b.build(VerdictKind.RECOVERED, "no connection is out now (" + stats.timeouts()
                            + " acquire timeouts so far)")
                    : b.build(VerdictKind.HEALTHY, "no connection is out");
        }
        if (exhausted && max > 0 && held < max && stats.lastCreateFailed()) {
            return b.build(VerdictKind.POOL_CANNOT_GROW, connections(held) + " out of a maximum of " + max
                    + ", and opening more fails (" + stats.createFailures() + " failures so far); last: "
                    + stats.lastCreateFailure());
        }
        String unseenText = held > seen ? "; " + (held - seen) + " more were " + unseen.reason : "";
        HolderGroup leaking = mostPastThreshold(groups, leakThreshold);
        if (leaking != null) {
            int past = pastThreshold(leaking, leakThreshold);
            b.callSite = leaking.callSite();
            b.atCallSite = leaking.size();
            b.pastThreshold = past;
            b.oldestNanos = leaking.oldest().ageNanos();
            return b.build(exhausted ? VerdictKind.POOL_EXHAUSTED_BY_A_LEAK : VerdictKind.LEAK_SUSPECTED, past + " of "
                    + connections(held) + " out" + maxText(max) + " were taken at " + leaking.callSite()
                    + " and held past the leak threshold (" + Formats.duration(leakThreshold) + "), the oldest "
                    + Formats.duration(leaking.oldest().ageNanos()) + withoutStack(groups) + unseenText);
        }
        if (groups.isEmpty()) {
            return b.build(exhausted ? VerdictKind.POOL_EXHAUSTED : VerdictKind.BUSY, connections(held) + " out"
                    + maxText(max) + ", " + waiters.size() + " threads waiting; poolscope saw none of them taken ("
                    + unseen.reason + ")");
        }
        HolderGroup top = groups.get(0);
        if (top.hasStack() && exhausted) {
            b.callSite = top.callSite();
            b.atCallSite = top.size();
            b.oldestNanos = top.oldest().ageNanos();
            return b.build(VerdictKind.POOL_EXHAUSTED, top.size() + " of " + connections(held) + " out" + maxText(max)
                    + " are held by " + top.callSite() + ", oldest " + Formats.duration(top.oldest().ageNanos())
                    + "; " + waiters.size() + " threads waiting" + withoutStack(groups) + unseenText);
        }
        if (exhausted) {
            return b.build(VerdictKind.POOL_EXHAUSTED, connections(held) + " out" + maxText(max) + ", "
                    + waiters.size() + " threads waiting; no acquisition stack was recorded for the holders"
                    + " (taken while the pool was healthy, or stacks=off)" + unseenText);
        }
        if (top.hasStack()) {
            b.callSite = top.callSite();
            b.atCallSite = top.size();
            b.oldestNanos = top.oldest().ageNanos();
        }
        return b.build(VerdictKind.BUSY, connections(held) + " out" + (max > 0 ? " of " + max : "")
                + ", most at " + (top.hasStack() ? top.callSite() : "(stack not captured)") + unseenText);
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
