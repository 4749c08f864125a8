package io.poolscope.jmx;

import io.poolscope.config.Formats;
import io.poolscope.diagnose.Verdict;
import io.poolscope.record.LeaseView;
import io.poolscope.record.StatisticsView;
import io.poolscope.record.WaiterView;
import io.poolscope.report.DumpFormatter;
import io.poolscope.report.PoolState;

import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.SimpleType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The notifications of one pool's MBean (JConsole's Notifications tab), each with a message a person
 * reads and its figures as open-type user data. Rate-limited like the dumps: the exhaustion and
 * slow-acquire notifications go with their dumps (at most one per pool per {@code dumpCooldown},
 * counting the timeouts held back); suspected leaks, returned leaks and connection failures send at
 * most one per kind per {@code dumpCooldown}, the next one counting those held back, which are sent
 * as one notification when the cooldown ends. Called on the scanner thread only.
 */
final class PoolNotifications {

    static final String SUSPECTED_LEAK = "poolscope.leak.suspected";
    static final String LEAK_RETURNED = "poolscope.leak.returned";
    static final String EXHAUSTED = "poolscope.pool.exhausted";
    static final String SLOW_ACQUIRE = "poolscope.acquire.slow";
    static final String CONNECTION_FAILED = "poolscope.connection.failed";

    static final CompositeType SUSPECTED_LEAK_DATA;
    static final CompositeType LEAK_RETURNED_DATA;
    static final CompositeType EXHAUSTED_DATA;
    static final CompositeType SLOW_ACQUIRE_DATA;
    static final CompositeType CONNECTION_FAILED_DATA;

    private static final String MORE = "Notifications of this kind held back since the last one (at most one per"
            + " dumpCooldown), besides this one";

    static {
        try {
            SUSPECTED_LEAK_DATA = Tables.composite("poolscope.SuspectedLeak", "A connection held past leakThreshold",
                    Tables.item("pool", "The pool's name", SimpleType.STRING),
                    Tables.item("thread", "The thread that took the connection", SimpleType.STRING),
                    Tables.item("threadId", "Its id", SimpleType.LONG),
                    Tables.item("heldMillis", "How long it has held the connection, in milliseconds", SimpleType.LONG),
                    Tables.item("waitedMillis", "How long it waited to get it, in milliseconds", SimpleType.DOUBLE),
                    Tables.item("leakThresholdMillis", "leakThreshold in force, in milliseconds", SimpleType.LONG),
                    Tables.item("callSite", "Where it was taken (first application frame)", SimpleType.STRING),
                    Tables.item("stack", "The acquisition stack, one frame per line", SimpleType.STRING),
                    Tables.item("moreSinceLast", MORE, SimpleType.LONG));
            LEAK_RETURNED_DATA = Tables.composite("poolscope.LeakReturned", "A suspected leak came back to the pool",
                    Tables.item("pool", "The pool's name", SimpleType.STRING),
                    Tables.item("thread", "The thread that took the connection", SimpleType.STRING),
                    Tables.item("heldMillis", "How long it was held, in milliseconds", SimpleType.LONG),
                    Tables.item("callSite", "Where it was taken (first application frame)", SimpleType.STRING),
                    Tables.item("closedBy", "The thread that returned it", SimpleType.STRING),
                    Tables.item("moreSinceLast", MORE, SimpleType.LONG));
            EXHAUSTED_DATA = Tables.composite("poolscope.PoolExhausted", "An acquire timed out: the pool was exhausted",
                    Tables.item("pool", "The pool's name", SimpleType.STRING),
                    Tables.item("verdictKind", "The verdict as a constant", SimpleType.STRING),
                    Tables.item("verdict", "The verdict's sentence", SimpleType.STRING),
                    Tables.item("callSite", "The call site the verdict names, or empty", SimpleType.STRING),
                    Tables.item("connectionsOut", "Connections out", SimpleType.LONG),
                    Tables.item("maxConnections", "The pool's maximum size (-1 unknown)", SimpleType.LONG),
                    Tables.item("threadsWaiting", "Threads waiting for a connection", SimpleType.LONG),
                    Tables.item("timeouts", "Acquire timeouts so far", SimpleType.LONG),
                    Tables.item("moreSinceLast", "Acquire timeouts since the last exhaustion notification, besides"
                            + " the one of this notification (at most one per dumpCooldown, like the dump)",
                            SimpleType.LONG));
            SLOW_ACQUIRE_DATA = Tables.composite("poolscope.SlowAcquire",
                    "A thread has waited longer than slowAcquire for a connection",
                    Tables.item("pool", "The pool's name", SimpleType.STRING),
                    Tables.item("thread", "The thread that has waited longest", SimpleType.STRING),
                    Tables.item("waitingMillis", "How long it has waited so far, in milliseconds", SimpleType.LONG),
                    Tables.item("callSite", "Where it asks for the connection (first application frame), or empty",
                            SimpleType.STRING),
                    Tables.item("slowAcquireMillis", "slowAcquire in force, in milliseconds", SimpleType.LONG),
                    Tables.item("threadsWaiting", "Threads waiting for a connection", SimpleType.LONG),
                    Tables.item("verdictKind", "The verdict as a constant", SimpleType.STRING),
                    Tables.item("verdict", "The verdict's sentence", SimpleType.STRING));
            CONNECTION_FAILED_DATA = Tables.composite("poolscope.ConnectionFailed", "Opening a connection failed",
                    Tables.item("pool", "The pool's name", SimpleType.STRING),
                    Tables.item("message", "The driver's message for the last failure", SimpleType.STRING),
                    Tables.item("failures", "Connections that failed to open since the last notification of this kind",
                            SimpleType.LONG),
                    Tables.item("failuresSoFar", "Connections that failed to open so far", SimpleType.LONG));
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** At most one notification of a kind per cooldown; what comes meanwhile is counted and sent when it ends. */
    private final class Limiter {
        private boolean sentOnce;
        private long lastSentNanos;
        private long heldBack;
        private LongFunction<Notification> latest;

        /** {@code build} takes the count the notification stands for: {@code weight} plus what was held back. */
        void offer(long nowNanos, long weight, LongFunction<Notification> build) {
            if (!sentOnce || nowNanos - lastSentNanos >= cooldown.getAsLong()) {
                long count = heldBack + weight;
                heldBack = 0;
                latest = null;
                emit(build.apply(count), nowNanos);
            } else {
                heldBack += weight;
                latest = build;
            }
        }

        void tick(long nowNanos) {
            if (heldBack > 0 && nowNanos - lastSentNanos >= cooldown.getAsLong()) {
                long count = heldBack;
                LongFunction<Notification> build = latest;
                heldBack = 0;
                latest = null;
                emit(build.apply(count), nowNanos);
            }
        }

        private void emit(Notification notification, long nowNanos) {
            sentOnce = true;
            lastSentNanos = nowNanos;
            bean.send(notification);
        }
    }

    private final String pool;
    private final OpenMBean bean;
    private final LongSupplier cooldown;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Limiter> limiters = new HashMap<>();
    private volatile ObjectName source;

    PoolNotifications(String pool, OpenMBean bean, LongSupplier cooldownNanos) {
        this.pool = pool;
        this.bean = bean;
        this.cooldown = cooldownNanos;
    }

    /** The name the MBean is registered under: the notifications' source. */
    void source(ObjectName name) {
        this.source = name;
    }

    void describe() {
        bean.notification(SUSPECTED_LEAK, "A connection has been held past leakThreshold (once per lease); user data: "
                + SUSPECTED_LEAK_DATA.getTypeName())
            .notification(LEAK_RETURNED, "A connection reported as a suspected leak came back; user data: "
                + LEAK_RETURNED_DATA.getTypeName())
            .notification(EXHAUSTED, "An acquire timed out: the pool is exhausted; sent with the exhaustion dump;"
                + " user data: " + EXHAUSTED_DATA.getTypeName())
            .notification(SLOW_ACQUIRE, "A thread has waited longer than slowAcquire; sent with the slow-acquire dump;"
                + " user data: " + SLOW_ACQUIRE_DATA.getTypeName())
            .notification(CONNECTION_FAILED, "Opening a physical connection failed; user data: "
                + CONNECTION_FAILED_DATA.getTypeName());
    }

    private Limiter limiter(String type) {
        return limiters.computeIfAbsent(type, key -> new Limiter());
    }

    // the lambdas keep only text and numbers while held back: no lease, thread or stack object
    void suspectedLeak(LeaseView lease, long leakThresholdNanos) {
        String site = lease.stack().callSite();
        StringBuilder text = new StringBuilder();
        DumpFormatter.appendStack(text, lease.stack(), "");
        String stack = text.toString();
        String thread = lease.holderName();
        long threadId = lease.holderId();
        long held = lease.ageNanos();
        double waitedMillis = lease.waitNanos() / 1e6;
        limiter(SUSPECTED_LEAK).offer(System.nanoTime(), 1, count -> notification(SUSPECTED_LEAK,
                "suspected leak in pool '" + pool + "': a connection held " + Formats.duration(held) + " by "
                        + thread + ", taken at " + site + more(count, "suspected leaks"),
                Tables.row(SUSPECTED_LEAK_DATA, pool, thread, threadId, held / 1_000_000L, waitedMillis,
                        leakThresholdNanos / 1_000_000L, site, stack, count - 1)));
    }

    void leakReturned(LeaseView lease, long heldNanos, String releasedBy) {
        String site = lease.stack().callSite();
        String thread = lease.holderName();
        limiter(LEAK_RETURNED).offer(System.nanoTime(), 1, count -> notification(LEAK_RETURNED,
                "suspected leak in pool '" + pool + "' returned after " + Formats.duration(heldNanos) + ": taken by "
                        + thread + " at " + site + ", closed by " + releasedBy + more(count, "returns"),
                Tables.row(LEAK_RETURNED_DATA, pool, thread, heldNanos / 1_000_000L, site, releasedBy, count - 1)));
    }

    void exhausted(PoolState state, long timeoutsNotDumped) {
        Verdict verdict = state.verdict;
        bean.send(notification(EXHAUSTED, "pool '" + pool + "' exhausted: an acquire timed out"
                        + (timeoutsNotDumped > 0 ? " (and " + timeoutsNotDumped + " more since the last notification)" : "")
                        + "; " + verdict.text(),
                Tables.row(EXHAUSTED_DATA, pool, verdict.kind().name(), verdict.text(), orEmpty(verdict.callSite()),
                        (long) verdict.connectionsOut(), (long) verdict.maxConnections(), (long) verdict.threadsWaiting(),
                        state.stats.timeouts(), timeoutsNotDumped)));
    }

    void slowAcquire(PoolState state, long slowAcquireNanos) {
        Verdict verdict = state.verdict;
        WaiterView longest = state.waiters.isEmpty() ? null : state.waiters.get(0);
        String thread = longest == null ? "" : longest.threadName();
        long waited = longest == null ? 0 : longest.waitingNanos();
        String site = longest == null ? null : state.callSites.liveCallSite(longest.currentStack(), state.pool.framePrefixes());
        bean.send(notification(SLOW_ACQUIRE, "slow acquire in pool '" + pool + "': "
                        + (longest == null ? "a thread waited" : thread + " has waited " + Formats.duration(waited))
                        + " for a connection (slowAcquire " + Formats.duration(slowAcquireNanos) + ")"
                        + (site == null ? "" : " at " + site) + "; " + verdict.text(),
                Tables.row(SLOW_ACQUIRE_DATA, pool, thread, waited / 1_000_000L, orEmpty(site),
                        slowAcquireNanos / 1_000_000L, (long) state.waiters.size(), verdict.kind().name(),
                        verdict.text())));
    }

    void connectionFailed(long failures, StatisticsView stats) {
        String message = orEmpty(stats.lastCreateFailure());
        long soFar = stats.createFailures();
        limiter(CONNECTION_FAILED).offer(System.nanoTime(), failures, count -> notification(CONNECTION_FAILED,
                "pool '" + pool + "' could not open a connection (" + count
                        + (count == 1 ? " failure" : " failures") + " since the last notification): " + message,
                Tables.row(CONNECTION_FAILED_DATA, pool, message, count, soFar)));
    }

    /** Sends what the cooldown held back, once it ends. */
    void tick(long nowNanos) {
        for (Limiter limiter : limiters.values()) {
            limiter.tick(nowNanos);
        }
    }

    private static String more(long count, String what) {
        return count > 1 ? " (and " + (count - 1) + " more " + what + " since the last notification)" : "";
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private Notification notification(String type, String message, Object userData) {
        Notification notification = new Notification(type, source == null ? (Object) pool : source,
                sequence.incrementAndGet(), System.currentTimeMillis(), message);
        notification.setUserData(userData);
        return notification;
    }
}
