package io.poolscope.diagnose;

/**
 * What a {@link Verdict} says of a pool, as a value tools can filter on. The name is what JMX, the
 * JSON log and JFR show; the headline is how the verdict's sentence begins.
 */
public enum VerdictKind {
    /** No connection is out. */
    HEALTHY("HEALTHY", false),
    /** No connection is out now, after acquire timeouts. */
    RECOVERED("RECOVERED", false),
    /** Connections are out and the pool has room; no lease is past the leak threshold. */
    BUSY("BUSY", false),
    /** A lease is past the leak threshold while the pool still has room. */
    LEAK_SUSPECTED("LEAK SUSPECTED", true),
    /** The pool is exhausted (full, threads waiting, or a recent timeout) and the holders are named. */
    POOL_EXHAUSTED("POOL EXHAUSTED", true),
    /** The pool is exhausted and leases past the leak threshold hold it. */
    POOL_EXHAUSTED_BY_A_LEAK("POOL EXHAUSTED BY A LEAK", true),
    /** Acquires fail while the pool has room, because opening connections fails. */
    POOL_CANNOT_GROW("POOL CANNOT GROW", true),
    /** No connection is out, acquires fail, and opening a connection fails. */
    CANNOT_CONNECT("CANNOT CONNECT", true);

    private final String headline;
    private final boolean problem;

    VerdictKind(String headline, boolean problem) {
        this.headline = headline;
        this.problem = problem;
    }

    /** How the sentence begins, e.g. {@code POOL EXHAUSTED BY A LEAK}. */
    public String headline() {
        return headline;
    }

    /** Whether someone should look: a leak, an exhausted pool, connections that cannot be opened. */
    public boolean isProblem() {
        return problem;
    }
}
