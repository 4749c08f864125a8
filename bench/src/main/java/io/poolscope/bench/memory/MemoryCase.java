package io.poolscope.bench.memory;

/** One measurement: agent options, how many leases are taken and never returned, and from how many call sites. */
final class MemoryCase {

    final String options;
    final int leases;
    final int callSites;
    /** Whether to let the recording intern the leases' stacks (as its scanner does after 500 ms) before measuring. */
    final boolean interned;

    MemoryCase(String options, int leases, int callSites, boolean interned) {
        this.options = options;
        this.leases = leases;
        this.callSites = callSites;
        this.interned = interned;
    }
}
