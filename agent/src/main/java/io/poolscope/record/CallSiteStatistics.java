package io.poolscope.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one pool's call sites did since start (or the last reset): the long leases that ended
 * there and the acquire timeouts that happened while they held connections. A lease is counted
 * here only if it was held {@link #LONG_LEASE_NANOS} or more and its stack was kept: shorter ones
 * never have their stack turned into a call site (that would cost the hot path), and they are not
 * the ones that exhaust a pool. At most {@code maxCallSites} sites are kept; the rest are counted.
 */
public final class CallSiteStatistics {

    /** Leases held at least this long are attributed to their call site when they end. */
    public static final long LONG_LEASE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** The site of the leases whose acquisition stack was not kept. */
    public static final String WITHOUT_STACK = AcquisitionStack.NOT_CAPTURED.callSite();

    private static final class Site {
        final LongAdder longLeases = new LongAdder();
        final LongAdder longHoldNanos = new LongAdder();
        final LongAdder timeoutsWhileHeld = new LongAdder();
    }

    /** One call site's figures, copied. */
    public static final class SiteView {
        private final String callSite;
        private final long longLeases;
        private final long longHoldNanos;
        private final long timeoutsWhileHeld;

        SiteView(String callSite, long longLeases, long longHoldNanos, long timeoutsWhileHeld) {
            this.callSite = callSite;
            this.longLeases = longLeases;
            this.longHoldNanos = longHoldNanos;
            this.timeoutsWhileHeld = timeoutsWhileHeld;
        }

        public String callSite() {
            return callSite;
        }

        /** Leases taken here, held {@link #LONG_LEASE_NANOS} or more, that ended. */
        public long longLeases() {
            return longLeases;
        }

        /** Their mean hold time (0 if none ended). */
        public long meanLongHoldNanos() {
            return longLeases == 0 ? 0 : longHoldNanos / longLeases;
        }

        /** Acquire timeouts of the pool while a connection taken here was out. */
        public long timeoutsWhileHeld() {
            return timeoutsWhileHeld;
        }
    }

    private volatile Map<String, Site> sites = new ConcurrentHashMap<>();
    private final int maxSites;
    private final LongAdder notStored = new LongAdder();

    CallSiteStatistics(int maxSites) {
        this.maxSites = maxSites;
    }

    private Site site(String callSite) {
        Map<String, Site> all = sites;
        Site site = all.get(callSite);
        if (site == null) {
            if (all.size() >= maxSites) {
                notStored.increment();
                return null;
            }
            site = all.computeIfAbsent(callSite, key -> new Site());
        }
        return site;
    }

    /** A lease held {@code heldNanos} (at least {@link #LONG_LEASE_NANOS}) ended. */
    void longLeaseEnded(String callSite, long heldNanos) {
        Site site = site(callSite);
        if (site != null) {
            site.longLeases.increment();
            site.longHoldNanos.add(heldNanos);
        }
    }

    /** {@code timeouts} acquire timeouts happened while a connection taken at {@code callSite} was out. */
    public void timeoutsWhileHeld(String callSite, long timeouts) {
        Site site = site(callSite);
        if (site != null) {
            site.timeoutsWhileHeld.add(timeouts);
        }
    }

    /** Every site's figures, in no particular order. */
    public List<SiteView> view() {
        List<SiteView> views = new ArrayList<>();
        sites.forEach((name, site) -> views.add(new SiteView(name, site.longLeases.sum(), site.longHoldNanos.sum(),
                site.timeoutsWhileHeld.sum())));
        return views;
    }

    /** Figures for call sites not kept because {@code maxCallSites} sites were kept already. */
    public long notStored() {
        return notStored.sum();
    }

    void reset() {
        sites = new ConcurrentHashMap<>();
        notStored.reset();
    }
}
