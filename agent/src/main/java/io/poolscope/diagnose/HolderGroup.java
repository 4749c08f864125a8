package io.poolscope.diagnose;

import io.poolscope.record.AcquisitionStack;
import io.poolscope.record.LeaseView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live leases that share one acquisition call site: the application's frame that took them,
 * however many framework frames lie between it and the pool, and whoever called it. Within a group
 * the leases may have several distinct full stacks, and several callers.
 */
public final class HolderGroup {

    private final String callSite;
    private final List<LeaseView> leases;

    private HolderGroup(String callSite, List<LeaseView> leases) {
        this.callSite = callSite;
        this.leases = Collections.unmodifiableList(leases);
    }

    /**
     * Groups leases by call site, largest group first; leases without a stack form one group at
     * the end. {@code leases} must be oldest first.
     */
    public static List<HolderGroup> byCallSite(List<LeaseView> leases) {
        Map<String, List<LeaseView>> groups = new LinkedHashMap<>();
        List<LeaseView> withoutStack = new ArrayList<>();
        for (LeaseView lease : leases) {
            if (lease.stack().isCaptured()) {
                groups.computeIfAbsent(lease.stack().callSite(), key -> new ArrayList<>()).add(lease);
            } else {
                withoutStack.add(lease);
            }
        }
        List<HolderGroup> result = new ArrayList<>();
        groups.forEach((site, members) -> result.add(new HolderGroup(site, members)));
        result.sort((a, b) -> Integer.compare(b.size(), a.size()));
        if (!withoutStack.isEmpty()) {
            result.add(new HolderGroup(null, withoutStack));
        }
        return result;
    }

    /** The call site, or {@code null} for the group of leases whose stack was not taken. */
    public String callSite() {
        return callSite;
    }

    public boolean hasStack() {
        return callSite != null;
    }

    public List<LeaseView> leases() {
        return leases;
    }

    public int size() {
        return leases.size();
    }

    public LeaseView oldest() {
        return leases.get(0);
    }

    /** The most common full stack in the group. */
    public AcquisitionStack typicalStack() {
        Map<AcquisitionStack, Integer> counts = new LinkedHashMap<>();
        AcquisitionStack best = oldest().stack();
        int bestCount = 0;
        for (LeaseView lease : leases) {
            int count = counts.merge(lease.stack(), 1, Integer::sum);
            if (count > bestCount) {
                best = lease.stack();
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * The application's frames that called the call site, each with its count of leases, most
     * leases first (ties in order of age); leases whose stack has no such frame are not counted.
     */
    public List<Map.Entry<String, Integer>> callers() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (LeaseView lease : leases) {
            String caller = lease.stack().caller();
            if (caller != null) {
                counts.merge(caller, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> callers = new ArrayList<>(counts.entrySet());
        callers.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        return callers;
    }

    public int distinctStacks() {
        Map<AcquisitionStack, Boolean> distinct = new LinkedHashMap<>();
        for (LeaseView lease : leases) {
            distinct.put(lease.stack(), Boolean.TRUE);
        }
        return distinct.size();
    }
}
