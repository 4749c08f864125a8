package io.poolscope.jfr;

import io.poolscope.pools.Secrets;
import io.poolscope.record.LeaseObserver;
import io.poolscope.record.LeaseView;
import io.poolscope.record.PoolHandle;
import io.poolscope.report.DumpFormatter;

/**
 * poolscope's Flight Recorder events: connection acquired (wait), released (hold), acquire timed
 * out, suspected leak, connection creation failed. Only this package refers to {@code jdk.jfr};
 * on a runtime without that module it is never loaded (see {@code AgentRuntime}).
 *
 * <p>Costs nothing while no recording has the event enabled: each method first asks a probe event
 * made once whether its type is enabled (a read of the type's state: {@code isEnabled()} looks at
 * no field of the instance), and the two per-lease events then compare the wait or hold with the
 * threshold in force, so an event object is made only for what will be written.
 */
public final class JfrEvents implements LeaseObserver {

    private static final int MAX_MESSAGE_LENGTH = 500;

    // probes: never committed, only asked whether their type is enabled
    private static final ConnectionAcquiredEvent ACQUIRED = new ConnectionAcquiredEvent();
    private static final ConnectionReleasedEvent RELEASED = new ConnectionReleasedEvent();
    private static final AcquireTimedOutEvent TIMED_OUT = new AcquireTimedOutEvent();
    private static final SuspectedLeakEvent SUSPECTED_LEAK = new SuspectedLeakEvent();
    private static final ConnectionCreationFailedEvent CREATION_FAILED = new ConnectionCreationFailedEvent();

    private JfrEvents() {
    }

    /** The events, their classes loaded; throws a {@link LinkageError} where {@code jdk.jfr} is missing. */
    public static LeaseObserver create() {
        return new JfrEvents();
    }

    @Override
    public void acquired(PoolHandle pool, long waitNanos) {
        if (ACQUIRED.isEnabled() && waitNanos >= WaitThreshold.inForceNanos) {
            ConnectionAcquiredEvent event = new ConnectionAcquiredEvent();
            event.pool = pool.name();
            event.waitTime = waitNanos;
            event.commit();
        }
    }

    @Override
    public void released(PoolHandle pool, long heldNanos) {
        if (RELEASED.isEnabled() && heldNanos >= HoldThreshold.inForceNanos) {
            ConnectionReleasedEvent event = new ConnectionReleasedEvent();
            event.pool = pool.name();
            event.holdTime = heldNanos;
            event.commit();
        }
    }

    @Override
    public void timedOut(PoolHandle pool, long waitNanos) {
        if (TIMED_OUT.isEnabled()) {
            AcquireTimedOutEvent event = new AcquireTimedOutEvent();
            event.pool = pool.name();
            event.waitTime = waitNanos;
            event.commit();
        }
    }

    @Override
    public void createFailed(PoolHandle pool, long tookNanos, Throwable thrown) {
        if (CREATION_FAILED.isEnabled()) {
            ConnectionCreationFailedEvent event = new ConnectionCreationFailedEvent();
            event.pool = pool.name();
            event.createTime = tookNanos;
            event.exceptionClass = thrown.getClass().getName();
            event.message = message(thrown);
            event.commit();
        }
    }

    @Override
    public void suspectedLeak(PoolHandle pool, LeaseView lease) {
        if (SUSPECTED_LEAK.isEnabled()) {
            SuspectedLeakEvent event = new SuspectedLeakEvent();
            event.pool = pool.name();
            event.holder = lease.holderThread();
            event.holderName = lease.holderName();
            event.heldFor = lease.ageNanos();
            event.acquiredAt = System.currentTimeMillis() - lease.ageNanos() / 1_000_000L;
            event.waitTime = lease.waitNanos();
            event.callSite = lease.stack().isCaptured() ? lease.stack().callSite() : "(stack not captured)";
            StringBuilder stack = new StringBuilder();
            DumpFormatter.appendStack(stack, lease.stack(), "");
            event.acquisitionStack = stack.toString();
            event.commit();
        }
    }

    /** The throwable's own message and its causes', credentials masked, bounded. */
    private static String message(Throwable thrown) {
        StringBuilder text = new StringBuilder(String.valueOf(thrown));
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && cause != thrown && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        String masked = Secrets.mask(text.toString());
        return masked.length() > MAX_MESSAGE_LENGTH ? masked.substring(0, MAX_MESSAGE_LENGTH) + "..." : masked;
    }
}
