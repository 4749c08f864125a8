package io.poolscope.record;

/** A copy of one pool's counters and percentiles (durations in nanoseconds). */
public final class StatisticsView {

    private final long acquires;
    private final long leases;
    private final long timeouts;
    private final long failures;
    private final long releases;
    private final long reclaimed;
    private final long endedUnseen;
    private final Percentiles waitSinceStart;
    private final Percentiles waitRecent;
    private final Percentiles holdSinceStart;
    private final Percentiles holdRecent;
    private final Percentiles creates;
    private final long createFailures;
    private final String lastCreateFailure;
    private final long lastCreateFailureMillis;
    private final long suspectedLeaks;
    private final long closedWhileOut;
    private final long nanosSinceLastTimeout;
    private final boolean lastCreateFailed;

    StatisticsView(long acquires, long leases, long timeouts, long failures,
                   long releases, long closedWhileOut, long reclaimed, long endedUnseen,
                   Percentiles waitSinceStart, Percentiles waitRecent,
                   Percentiles holdSinceStart, Percentiles holdRecent,
                   Percentiles creates, long createFailures, String lastCreateFailure,
                   long lastCreateFailureMillis, long suspectedLeaks,
                   long nanosSinceLastTimeout, boolean lastCreateFailed) {
        this.acquires = acquires;
        this.leases = leases;
        this.timeouts = timeouts;
        this.failures = failures;
        this.releases = releases;
        this.reclaimed = reclaimed;
        this.endedUnseen = endedUnseen;
        this.waitSinceStart = waitSinceStart;
        this.waitRecent = waitRecent;
        this.holdSinceStart = holdSinceStart;
        this.holdRecent = holdRecent;
        this.creates = creates;
        this.createFailures = createFailures;
        this.lastCreateFailure = lastCreateFailure;
        this.lastCreateFailureMillis = lastCreateFailureMillis;
        this.suspectedLeaks = suspectedLeaks;
        this.closedWhileOut = closedWhileOut;
        this.nanosSinceLastTimeout = nanosSinceLastTimeout;
        this.lastCreateFailed = lastCreateFailed;
    }

    /** Connections the pool closed while they were out (broken, evicted, aborted at shutdown). */
    public long closedWhileOut() {
        return closedWhileOut;
    }

    /** Time since the last acquire timeout; {@link Long#MAX_VALUE} if there was none. */
    public long nanosSinceLastTimeout() {
        return nanosSinceLastTimeout;
    }

    /** Whether the last attempt to open a connection failed (none succeeded since). */
    public boolean lastCreateFailed() {
        return lastCreateFailed;
    }

    /** Acquires that ended, successful or not: {@code leases + timeouts + failures}. */
    public long acquires() {
        return acquires;
    }

    /** Acquires that ended in a lease. Each lease is out, or ended as a release, a close, a reclaim or unseen. */
    public long leases() {
        return leases;
    }

    /** Leases the pool took back from their holder. */
    public long reclaimed() {
        return reclaimed;
    }

    /** Leases whose end poolscope did not see: the pool handed their connection out again. */
    public long endedUnseen() {
        return endedUnseen;
    }

    public long timeouts() {
        return timeouts;
    }

    /** Acquires that failed other than by the pool's timeout. */
    public long failures() {
        return failures;
    }

    /** Leases the application returned. */
    public long releases() {
        return releases;
    }

    public Percentiles waitSinceStart() {
        return waitSinceStart;
    }

    /** Over the last minute or so. */
    public Percentiles waitRecent() {
        return waitRecent;
    }

    public Percentiles holdSinceStart() {
        return holdSinceStart;
    }

    public Percentiles holdRecent() {
        return holdRecent;
    }

    /** Physical connections opened: count and time to open. */
    public Percentiles creates() {
        return creates;
    }

    public long createFailures() {
        return createFailures;
    }

    /** The last connection-creation failure, as the driver said it, or {@code null}. */
    public String lastCreateFailure() {
        return lastCreateFailure;
    }

    public long lastCreateFailureMillis() {
        return lastCreateFailureMillis;
    }

    public long suspectedLeaks() {
        return suspectedLeaks;
    }
}
