package io.poolscope.jmx;

import io.poolscope.config.Formats;
import io.poolscope.record.AcquisitionStack;
import io.poolscope.record.CallSiteStatistics;
import io.poolscope.record.CallSites;
import io.poolscope.record.LeaseView;
import io.poolscope.record.WaiterView;
import io.poolscope.report.DumpFormatter;
import io.poolscope.report.PoolState;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of a pool for its MBean: every attribute of a JConsole refresh comes from the same
 * reading, so its figures agree with each other, and the pool is read once however many attributes
 * are asked for. The tables are built from it when first asked for, at most {@code maxShown} rows
 * each.
 */
final class PoolSnapshot {

    final PoolState state;
    final long takenNanos;
    private final int maxShown;
    private final List<CallSiteStatistics.SiteView> siteHistory;
    private TabularData leases;
    private TabularData callSites;
    private TabularData waiters;
    private TabularData configuration;
    private CompositeData verdictNumbers;

    PoolSnapshot(PoolState state, List<CallSiteStatistics.SiteView> siteHistory, int maxShown) {
        this.state = state;
        this.takenNanos = state.nowNanos;
        this.siteHistory = siteHistory;
        this.maxShown = maxShown;
    }

    int leasesNotShown() {
        return Math.max(0, state.leases.size() - maxShown);
    }

    int waitersNotShown() {
        return Math.max(0, state.waiters.size() - maxShown);
    }

    synchronized TabularData leases() {
        if (leases == null) {
            TabularDataSupport table = new TabularDataSupport(Tables.LEASES);
            Map<AcquisitionStack, String> stackTexts = new IdentityHashMap<>(); // an interned stack is one text
            List<LeaseView> all = state.leases;
            for (int i = 0; i < Math.min(all.size(), maxShown); i++) {
                LeaseView lease = all.get(i);
                Thread holder = lease.holderThread();
                table.put(Tables.row(Tables.LEASES.getRowType(),
                        i, lease.holderName(), lease.holderId(),
                        holder == null ? Thread.State.TERMINATED.name() : holder.getState().name(),
                        lease.ageNanos() / 1_000_000L, lease.waitNanos() / 1e6,
                        Formats.timestamp(state.wallMillis(lease.acquiredNanos())),
                        lease.stack().callSite(), lease.leakReported(),
                        stackTexts.computeIfAbsent(lease.stack(), PoolSnapshot::stackText)));
            }
            leases = table;
        }
        return leases;
    }

    private static String stackText(AcquisitionStack stack) {
        if (!stack.isCaptured()) {
            return "(not captured: stacks=off, or taken while the pool was healthy and not sampled)";
        }
        StringBuilder text = new StringBuilder();
        DumpFormatter.appendStack(text, stack, "");
        return text.toString();
    }

    /** One row of the CallSites table, before it is ranked. */
    private static final class Site {
        final String callSite;
        int live;
        long oldestNanos;
        long longLeases;
        long meanLongHoldNanos;
        long timeoutsWhileHeld;

        Site(String callSite) {
            this.callSite = callSite;
        }

        /** The row of the leases whose stack was not kept: last, as it names no method. */
        boolean withoutStack() {
            return CallSiteStatistics.WITHOUT_STACK.equals(callSite);
        }
    }

    synchronized TabularData callSites() {
        if (callSites == null) {
            Map<String, Site> sites = new LinkedHashMap<>();
            for (LeaseView lease : state.leases) { // oldest first: the first lease of a site is its oldest
                Site site = sites.computeIfAbsent(lease.stack().callSite(), Site::new);
                if (site.live++ == 0) {
                    site.oldestNanos = lease.ageNanos();
                }
            }
            for (CallSiteStatistics.SiteView history : siteHistory) {
                Site site = sites.computeIfAbsent(history.callSite(), Site::new);
                site.longLeases = history.longLeases();
                site.meanLongHoldNanos = history.meanLongHoldNanos();
                site.timeoutsWhileHeld = history.timeoutsWhileHeld();
            }
            List<Site> ranked = new ArrayList<>(sites.values());
            ranked.sort((a, b) -> a.withoutStack() != b.withoutStack() ? Boolean.compare(a.withoutStack(), b.withoutStack())
                    : a.live != b.live ? Integer.compare(b.live, a.live)
                    : a.longLeases != b.longLeases ? Long.compare(b.longLeases, a.longLeases)
                    : Long.compare(b.timeoutsWhileHeld, a.timeoutsWhileHeld));
            TabularDataSupport table = new TabularDataSupport(Tables.CALL_SITES);
            for (int i = 0; i < Math.min(ranked.size(), maxShown); i++) {
                Site site = ranked.get(i);
                table.put(Tables.row(Tables.CALL_SITES.getRowType(), i, site.callSite, site.live,
                        site.oldestNanos / 1_000_000L, site.longLeases, site.meanLongHoldNanos / 1e6,
                        site.timeoutsWhileHeld));
            }
            callSites = table;
        }
        return callSites;
    }

    synchronized TabularData waiters() {
        if (waiters == null) {
            TabularDataSupport table = new TabularDataSupport(Tables.WAITERS);
            List<WaiterView> all = state.waiters;
            for (int i = 0; i < Math.min(all.size(), maxShown); i++) {
                WaiterView waiter = all.get(i);
                String site = state.callSites.liveCallSite(waiter.currentStack(), state.pool.framePrefixes());
                table.put(Tables.row(Tables.WAITERS.getRowType(), i, waiter.threadName(), waiter.threadId(),
                        waiter.threadState().name(), waiter.waitingNanos() / 1_000_000L,
                        site == null ? "(no application frame: the thread has ended)" : site));
            }
            waiters = table;
        }
        return waiters;
    }

    synchronized TabularData configuration() {
        if (configuration == null) {
            configuration = Tables.keyValues(state.settings);
        }
        return configuration;
    }

    synchronized CompositeData verdictNumbers() {
        if (verdictNumbers == null) {
            try {
                Map<String, Object> items = new LinkedHashMap<>(state.verdict.numbers());
                verdictNumbers = new CompositeDataSupport(Tables.VERDICT_NUMBERS, items);
            } catch (OpenDataException e) {
                throw new IllegalStateException(e);
            }
        }
        return verdictNumbers;
    }
}
