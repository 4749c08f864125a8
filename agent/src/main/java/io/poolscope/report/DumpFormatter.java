package io.poolscope.report;

import io.poolscope.config.Formats;
import io.poolscope.config.Frames;
import io.poolscope.diagnose.HolderGroup;
import io.poolscope.pools.PoolCounters;
import io.poolscope.pools.PoolIntrospector;
import io.poolscope.record.AcquisitionStack;
import io.poolscope.record.LeaseView;
import io.poolscope.record.Percentiles;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;

import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns pool states into the plain-text dump people read in the log. Stacks print like Java stack traces. */
public final class DumpFormatter {

    private static final int MAX_WAITERS_SHOWN = 20;
    private static final int MAX_HOLDER_NAMES = 6;
    private static final int CURRENT_STACK_FRAMES = 8;
    private static final int MAX_CALLERS_SHOWN = 5;
    private static final int WAITER_STACKS_SHOWN = 3;

    private DumpFormatter() {
    }

    public static String pool(PoolState state, DumpReason reason, long suppressedSinceLast) {
        StringBuilder out = new StringBuilder(4096);
        out.append("==== poolscope dump: pool '").append(state.pool.name()).append("' (").append(state.pool.library())
                .append(") - ").append(reason.text()).append(" - ").append(Formats.timestamp(state.nowMillis)).append(" ====\n");
        out.append("verdict: ").append(state.verdict.text()).append('\n');
        appendCounters(out, state, suppressedSinceLast);
        appendOutSinceBeforeAttach(out, state);
        appendHolders(out, state);
        appendAcquireTimeout(out, state.acquireTimeoutMillis);
        appendWaiters(out, state);
        appendSettings(out, state.settings);
        out.append("==== end of poolscope dump: pool '").append(state.pool.name()).append("' ====");
        return out.toString();
    }

    private static void appendCounters(StringBuilder out, PoolState state, long suppressedSinceLast) {
        StatisticsView stats = state.stats;
        PoolCounters counters = state.counters;
        out.append("pool: active=").append(known(counters.active())).append(" idle=").append(known(counters.idle()))
                .append(" total=").append(known(counters.total())).append(" max=").append(known(state.maxConnections))
                .append(" waiting=").append(known(counters.waiting()))
                .append("; poolscope sees ").append(state.leases.size()).append(" connections out, ")
                .append(state.waiters.size()).append(" threads waiting\n");
        out.append("acquires=").append(stats.acquires()).append(" leases=").append(stats.leases())
                .append(" timeouts=").append(stats.timeouts())
                .append(" failures=").append(stats.failures()).append(" releases=").append(stats.releases())
                .append(" suspectedLeaks=").append(stats.suspectedLeaks())
                .append(" closedWhileOut=").append(stats.closedWhileOut());
        if (stats.reclaimed() > 0) {
            out.append(" reclaimedByPool=").append(stats.reclaimed());
        }
        if (stats.endedUnseen() > 0) {
            out.append(" endedUnseen=").append(stats.endedUnseen());
        }
        if (suppressedSinceLast > 0) {
            out.append(" timeoutsNotDumped=").append(suppressedSinceLast);
        }
        out.append('\n');
        out.append("wait:  ").append(percentiles(stats.waitSinceStart())).append("  | last minute: ")
                .append(percentiles(stats.waitRecent())).append('\n');
        out.append("hold:  ").append(percentiles(stats.holdSinceStart())).append("  | last minute: ")
                .append(percentiles(stats.holdRecent())).append('\n');
        out.append("connections opened: ").append(stats.creates().count()).append(" (time to open ")
                .append(percentiles(stats.creates())).append("), failed: ").append(stats.createFailures());
        if (stats.lastCreateFailure() != null) {
            out.append(", last failure at ").append(Formats.timestamp(stats.lastCreateFailureMillis())).append(": ")
                    .append(stats.lastCreateFailure());
        }
        out.append('\n');
        if (state.pool.untrackedLeases() > 0) {
            out.append("note: ").append(state.pool.untrackedLeases())
                    .append(" leases not tracked (maxLeases connections were tracked already)\n");
        }
    }

    private static void appendHolders(StringBuilder out, PoolState state) {
        List<HolderGroup> groups = state.groups;
        if (groups.isEmpty()) {
            out.append("holders: none\n");
            return;
        }
        int sites = groups.get(groups.size() - 1).hasStack() ? groups.size() : groups.size() - 1;
        out.append("holders by call site (").append(state.leases.size()).append(" connections out, ")
                .append(sites).append(sites == 1 ? " call site" : " call sites").append("):\n");
        int index = 1;
        for (HolderGroup group : groups) {
            appendGroup(out, state, group, index++);
        }
    }

    private static void appendGroup(StringBuilder out, PoolState state, HolderGroup group, int index) {
        LeaseView oldest = group.oldest();
        LeaseView newest = group.leases().get(group.size() - 1);
        out.append("  [").append(index).append("] ").append(group.size()).append(group.size() == 1 ? " connection" : " connections")
                .append(" held ").append(Formats.duration(newest.ageNanos())).append(" to ")
                .append(Formats.duration(oldest.ageNanos()))
                .append(" (oldest since ").append(Formats.timestamp(state.wallMillis(oldest.acquiredNanos()))).append(")")
                .append(", by ").append(holderNames(group.leases())).append('\n');
        if (group.hasStack()) {
            out.append("      acquired at ").append(group.callSite()).append('\n');
            List<Map.Entry<String, Integer>> callers = group.callers();
            if (!callers.isEmpty()) {
                out.append("      called from ");
                for (int i = 0; i < Math.min(callers.size(), MAX_CALLERS_SHOWN); i++) {
                    int count = callers.get(i).getValue();
                    out.append(i == 0 ? "" : ", ").append(callers.get(i).getKey())
                            .append(" (").append(connectionCount(count)).append(')');
                }
                if (callers.size() > MAX_CALLERS_SHOWN) {
                    out.append(" (+").append(callers.size() - MAX_CALLERS_SHOWN).append(" more)");
                }
                out.append('\n');
            }
            if (group.distinctStacks() > 1) {
                out.append("      the most common of ").append(group.distinctStacks()).append(" distinct stacks:\n");
            }
            appendStack(out, group.typicalStack(), "        ");
        } else {
            out.append("      acquisition stack not captured (stacks=off, or taken while the pool was healthy and not sampled)\n");
        }
        Thread holder = oldest.holderThread();
        if (holder != null) {
            out.append("      the oldest holder, ").append(oldest.holderName()).append(", is now (").append(holder.getState())
                    .append("):\n");
            appendFrames(out, holder.getStackTrace(), "        ", state);
        } else {
            out.append("      the oldest holder, ").append(oldest.holderName()).append(", has ended\n");
        }
    }

    /** Prints a stack the way Java prints stack traces. */
    public static void appendStack(StringBuilder out, AcquisitionStack stack, String indent) {
        for (Object line : stack.lines()) {
            out.append(indent);
            if (line instanceof StackTraceElement) {
                out.append("at ").append(Frames.format((StackTraceElement) line));
            } else {
                out.append(line); // a fold: "... 23 frames of org.springframework, org.hibernate ..."
            }
            out.append('\n');
        }
    }

    private static String connectionCount(int count) {
        return count == 1 ? "1 connection" : count + " connections";
    }

    /** Where a waiting thread is now, from its first frame outside the JDK (the pool's wait). */
    private static void appendWaiterStack(StringBuilder out, WaiterView waiter, PoolState state) {
        StackTraceElement[] frames = waiter.currentStack();
        int first = 0;
        while (first < frames.length && isJdkFrame(frames[first].getClassName())) {
            first++;
        }
        if (first == frames.length) {
            return; // ended, or only JDK frames: nothing to show
        }
        out.append("  ").append(waiter.threadName()).append(" (").append(waiter.threadState()).append(") has waited ")
                .append(Formats.duration(waiter.waitingNanos())).append(", now at:\n");
        if (first > 0) {
            out.append("        (").append(first).append(" JDK frames of the wait)\n");
        }
        appendFrames(out, Arrays.copyOfRange(frames, first, frames.length), "        ", state);
    }

    private static boolean isJdkFrame(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    /**
     * The first frames of a live thread's current stack; when the application's first frame is
     * below them (a thread inside Hibernate and Spring), it is named after the count of the rest.
     */
    private static void appendFrames(StringBuilder out, StackTraceElement[] frames, String indent, PoolState state) {
        appendFrames(out, frames, indent);
        if (frames.length > CURRENT_STACK_FRAMES) {
            List<String> prefixes = state.pool.framePrefixes();
            if (state.callSites.liveCallSite(Arrays.copyOf(frames, CURRENT_STACK_FRAMES), prefixes) == null) {
                String site = state.callSites.liveCallSite(Arrays.copyOfRange(frames, CURRENT_STACK_FRAMES, frames.length), prefixes);
                if (site != null) {
                    out.setLength(out.length() - 1);
                    out.append(", below them the application's ").append(site).append('\n');
                }
            }
        }
    }

    /** The first frames of a live thread's current stack. */
    private static void appendFrames(StringBuilder out, StackTraceElement[] frames, String indent) {
        for (int i = 0; i < Math.min(frames.length, CURRENT_STACK_FRAMES); i++) {
            out.append(indent).append("at ").append(Frames.format(frames[i])).append('\n');
        }
        if (frames.length > CURRENT_STACK_FRAMES) {
            out.append(indent).append("... ").append(frames.length - CURRENT_STACK_FRAMES).append(" more\n");
        }
    }

    private static String holderNames(List<LeaseView> leases) {
        Set<String> names = new LinkedHashSet<>();
        for (LeaseView lease : leases) {
            names.add(lease.holderName());
        }
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String name : names) {
            if (shown == MAX_HOLDER_NAMES) {
                text.append(" (+").append(names.size() - shown).append(" more)");
                break;
            }
            text.append(shown == 0 ? "" : ", ").append(name);
            shown++;
        }
        return text.toString();
    }

    private static void appendOutSinceBeforeAttach(StringBuilder out, PoolState state) {
        if (state.outSinceBeforeAttach > 0) {
            out.append("out since before attach: ").append(state.outSinceBeforeAttach)
                    .append(state.outSinceBeforeAttach == 1 ? " connection" : " connections")
                    .append(" (the pool counts ").append(state.leases.size() + state.outSinceBeforeAttach)
                    .append(" out, poolscope has seen ")
                    .append(state.leases.size()).append(" taken); taken before poolscope was attached, so their holders")
                    .append(" and stacks are unknown; their return is not counted as an error\n");
        }
    }

    private static void appendAcquireTimeout(StringBuilder out, long timeoutMillis) {
        if (timeoutMillis == PoolIntrospector.WAITS_FOREVER) {
            out.append("acquire timeout: none - this pool waits forever for a connection, so a thread that finds it empty"
                    + " hangs instead of failing\n");
        } else if (timeoutMillis > 0) {
            out.append("acquire timeout: ").append(Formats.duration(timeoutMillis * 1_000_000L)).append('\n');
        }
    }

    private static void appendWaiters(StringBuilder out, PoolState state) {
        List<WaiterView> waiters = state.waiters;
        if (waiters.isEmpty()) {
            out.append("waiting threads: none\n");
            return;
        }
        out.append("waiting threads (").append(waiters.size()).append("):");
        for (int i = 0; i < Math.min(waiters.size(), MAX_WAITERS_SHOWN); i++) {
            WaiterView waiter = waiters.get(i);
            out.append(i == 0 ? " " : ", ").append(waiter.threadName()).append(" for ")
                    .append(Formats.duration(waiter.waitingNanos()));
        }
        if (waiters.size() > MAX_WAITERS_SHOWN) {
            out.append(" (+").append(waiters.size() - MAX_WAITERS_SHOWN).append(" more)");
        }
        out.append('\n');
        for (int i = 0; i < Math.min(waiters.size(), WAITER_STACKS_SHOWN); i++) {
            appendWaiterStack(out, waiters.get(i), state);
        }
    }

    private static void appendSettings(StringBuilder out, Map<String, String> settings) {
        out.append("configuration:");
        settings.forEach((key, value) -> out.append(' ').append(key).append('=').append(value));
        out.append('\n');
    }

    public static String leak(String poolName, LeaseView lease) {
        StringBuilder out = new StringBuilder(1024);
        out.append("suspected leak in pool '").append(poolName).append("': a connection has been held for ")
                .append(Formats.duration(lease.ageNanos())).append(" by thread ").append(lease.holderName())
                .append(" (waited ").append(Formats.duration(lease.waitNanos())).append(" to get it); ");
        if (lease.stack().isCaptured()) {
            appendAcquiredAt(out, lease.stack());
            appendStack(out, lease.stack(), "    ");
            out.setLength(out.length() - 1);
        } else {
            out.append("its acquisition stack was not captured (stacks=off, or taken while the pool was healthy)");
            Thread holder = lease.holderThread();
            if (holder != null) {
                out.append("; the holder is now (").append(holder.getState()).append("):\n");
                appendFrames(out, holder.getStackTrace(), "    ");
                out.setLength(out.length() - 1);
            }
        }
        return out.toString();
    }

    /** "acquired at:" when the stack begins at the call site, else "acquired at CALL SITE:" before the stack. */
    private static void appendAcquiredAt(StringBuilder out, AcquisitionStack stack) {
        List<Object> lines = stack.lines();
        boolean first = !lines.isEmpty() && lines.get(0) instanceof StackTraceElement
                && Frames.format((StackTraceElement) lines.get(0)).equals(stack.callSite());
        out.append(first ? "acquired at:\n" : "acquired at " + stack.callSite() + ":\n");
    }

    public static String leakReturned(String poolName, LeaseView lease, long heldNanos, String releasedBy) {
        return "suspected leak in pool '" + poolName + "' returned: the connection taken by " + lease.holderName()
                + (lease.stack().isCaptured() ? " at " + lease.stack().callSite() : "")
                + " came back after " + Formats.duration(heldNanos) + " (closed by " + releasedBy + ")";
    }

    public static String leaseReclaimed(String poolName, LeaseView lease, long heldNanos) {
        StringBuilder out = new StringBuilder(1024);
        out.append("pool '").append(poolName).append("' reclaimed a connection from its holder: taken by ")
                .append(lease.holderName()).append(", held ").append(Formats.duration(heldNanos)).append("; ");
        if (lease.stack().isCaptured()) {
            appendAcquiredAt(out, lease.stack());
            appendStack(out, lease.stack(), "    ");
            out.setLength(out.length() - 1);
        } else {
            out.append("its acquisition stack was not captured");
        }
        return out.toString();
    }

    private static String percentiles(Percentiles p) {
        if (p.count() == 0) {
            return "n=0";
        }
        return "n=" + p.count() + " p50=" + micros(p.p50()) + " p95=" + micros(p.p95())
                + " p99=" + micros(p.p99()) + " max=" + micros(p.max());
    }

    /** Below a microsecond a wait or hold tells a reader nothing: say so rather than "312ns". */
    private static String micros(long nanos) {
        return nanos < 1_000L ? "<1us" : Formats.duration(nanos);
    }

    private static String known(int value) {
        return value < 0 ? "?" : String.valueOf(value);
    }
}
