package io.poolscope.report;

import io.poolscope.config.Formats;
import io.poolscope.config.Frames;
import io.poolscope.diagnose.HolderGroup;
import io.poolscope.record.AcquisitionStack;
import io.poolscope.record.LeaseView;
import io.poolscope.record.Percentiles;
import io.poolscope.record.StatisticsView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The events the {@link Reporter} logs, each with its text (as {@link DumpFormatter} writes it) and
 * its fields for {@code logFormat=json}. The field names are documented in the README; keep them.
 */
final class LogEvents {

    private LogEvents() {
    }

    static LogEvent poolSeen(String pool, String library) {
        return LogEvent.info("pool_seen", "pool '" + pool + "' (" + library + ") seen; recording its leases")
                .with("pool", pool).with("library", library);
    }

    static LogEvent suspectedLeak(String pool, LeaseView lease) {
        return LogEvent.warn("suspected_leak", DumpFormatter.leak(pool, lease))
                .with("pool", pool).with("thread", lease.holderName())
                .with("heldMillis", millis(lease.ageNanos())).with("waitedMillis", millis(lease.waitNanos()))
                .with("callSite", lease.stack().isCaptured() ? lease.stack().callSite() : null)
                .with("stack", frames(lease.stack()));
    }

    static LogEvent leakReturned(String pool, LeaseView lease, long heldNanos, String releasedBy) {
        return LogEvent.info("leak_returned", DumpFormatter.leakReturned(pool, lease, heldNanos, releasedBy))
                .with("pool", pool).with("thread", lease.holderName())
                .with("callSite", lease.stack().isCaptured() ? lease.stack().callSite() : null)
                .with("heldMillis", millis(heldNanos)).with("closedBy", releasedBy);
    }

    static LogEvent leaseReclaimed(String pool, LeaseView lease, long heldNanos) {
        return LogEvent.info("lease_reclaimed", DumpFormatter.leaseReclaimed(pool, lease, heldNanos))
                .with("pool", pool).with("thread", lease.holderName())
                .with("callSite", lease.stack().isCaptured() ? lease.stack().callSite() : null)
                .with("heldMillis", millis(heldNanos)).with("stack", frames(lease.stack()));
    }

    static LogEvent internalErrors(long count, String first) {
        return LogEvent.warn("internal_error", "poolscope: " + count
                        + " internal errors so far (the application was not affected); first: " + first)
                .with("count", count).with("first", first);
    }

    static LogEvent dump(PoolState state, DumpReason reason, long suppressed, boolean warn) {
        String text = DumpFormatter.pool(state, reason, suppressed);
        LogEvent event = warn ? LogEvent.warn("dump", text) : LogEvent.info("dump", text);
        StatisticsView stats = state.stats;
        String verdict = state.verdict.text();
        event.with("pool", state.pool.name()).with("library", state.pool.library())
                .with("reason", reason.name().toLowerCase(Locale.ROOT))
                .with("verdict", state.verdict.kind().headline())
                .with("verdictKind", state.verdict.kind().name())
                .with("verdictText", verdict)
                .with("verdictCallSite", state.verdict.callSite())
                .with("verdictNumbers", new LinkedHashMap<String, Object>(state.verdict.numbers()))
                .with("active", known(state.counters.active())).with("idle", known(state.counters.idle()))
                .with("total", known(state.counters.total())).with("max", known(state.maxConnections))
                .with("poolWaiting", known(state.counters.waiting()))
                .with("leasesOut", state.leases.size()).with("threadsWaiting", state.waiters.size())
                .with("acquires", stats.acquires()).with("leases", stats.leases()).with("timeouts", stats.timeouts())
                .with("failures", stats.failures()).with("releases", stats.releases())
                .with("suspectedLeaks", stats.suspectedLeaks()).with("closedWhileOut", stats.closedWhileOut())
                .with("timeoutsNotDumped", suppressed)
                .with("waitMillis", percentiles(stats.waitSinceStart()))
                .with("holdMillis", percentiles(stats.holdSinceStart()));
        List<Object> groups = new ArrayList<>();
        for (HolderGroup group : state.groups) {
            Map<String, Object> fields = new LinkedHashMap<>();
            LeaseView oldest = group.oldest();
            LeaseView newest = group.leases().get(group.size() - 1);
            fields.put("connections", group.size());
            fields.put("callSite", group.callSite());
            fields.put("heldMinMillis", millis(newest.ageNanos()));
            fields.put("heldMaxMillis", millis(oldest.ageNanos()));
            fields.put("oldestSince", Formats.timestamp(state.wallMillis(oldest.acquiredNanos())));
            Set<String> holders = new LinkedHashSet<>();
            for (LeaseView lease : group.leases()) {
                holders.add(lease.holderName());
            }
            fields.put("holders", new ArrayList<>(holders));
            List<Object> callers = new ArrayList<>();
            for (Map.Entry<String, Integer> caller : group.callers()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("caller", caller.getKey());
                entry.put("connections", caller.getValue());
                callers.add(entry);
            }
            fields.put("callers", callers);
            fields.put("distinctStacks", group.hasStack() ? group.distinctStacks() : 0);
            fields.put("stack", group.hasStack() ? frames(group.typicalStack()) : new ArrayList<>());
            groups.add(fields);
        }
        event.with("groups", groups);
        return event;
    }

    private static Map<String, Object> percentiles(Percentiles p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("n", p.count());
        fields.put("p50", millis(p.p50()));
        fields.put("p95", millis(p.p95()));
        fields.put("p99", millis(p.p99()));
        fields.put("max", millis(p.max()));
        return fields;
    }

    private static List<String> frames(AcquisitionStack stack) {
        List<String> frames = new ArrayList<>();
        if (stack.isCaptured()) {
            for (Object line : stack.lines()) {
                frames.add(line instanceof StackTraceElement ? Frames.format((StackTraceElement) line) : line.toString());
            }
        }
        return frames;
    }

    /** Milliseconds with three decimals (microsecond resolution). */
    private static Double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private static Integer known(int value) {
        return value < 0 ? null : value;
    }
}
