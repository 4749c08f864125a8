package io.poolscope.bridge;

/**
 * The static entry points that the inlined pool advice calls (see {@link Recorder} for the
 * protocol). Holds nothing but the current recorder: a do-nothing one until the agent is ready.
 *
 * <p>This class, {@link Recorder} and {@link NoopRecorder} are defined in the boot class loader, so
 * they must use nothing but the JDK.
 */
public final class Bridge {

    private static volatile Recorder recorder = NoopRecorder.INSTANCE;

    private Bridge() {
    }

    public static void install(Recorder newRecorder) {
        recorder = newRecorder == null ? NoopRecorder.INSTANCE : newRecorder;
    }

    public static Recorder recorder() {
        return recorder;
    }

    public static Object acquireStart(Object pool) {
        return recorder.acquireStart(pool);
    }

    public static void acquireExit(Object token, Throwable thrown) {
        if (token != null) {
            recorder.acquireExit(token, thrown);
        }
    }

    public static void acquireTimedOut(Object token) {
        if (token != null) {
            recorder.acquireTimedOut(token);
        }
    }

    public static void timeoutRaised(Object pool) {
        recorder.timeoutRaised(pool);
    }

    public static void leased(Object pool, Object connectionKey) {
        recorder.leased(pool, connectionKey);
    }

    public static void leasedOnce(Object pool, Object connectionKey) {
        recorder.leasedOnce(pool, connectionKey);
    }

    public static void released(Object connectionKey) {
        recorder.released(connectionKey);
    }

    public static void closed(Object connectionKey) {
        recorder.closed(connectionKey);
    }

    public static void reclaimed(Object connectionKey) {
        recorder.reclaimed(connectionKey);
    }

    public static long createStart(Object pool) {
        return recorder.createStart(pool);
    }

    public static void createEnd(Object pool, long startNanos, Throwable thrown) {
        recorder.createEnd(pool, startNanos, thrown);
    }

    public static void createSkipped(Object pool) {
        recorder.createSkipped(pool);
    }

    public static Object genericAcquireStart(Object dataSource) {
        return recorder.genericAcquireStart(dataSource);
    }

    public static void genericAcquireExit(Object token, Object connection, Throwable thrown) {
        if (token != null) {
            recorder.genericAcquireExit(token, connection, thrown);
        }
    }

    public static void genericReleased(Object connection) {
        recorder.genericReleased(connection);
    }
}
