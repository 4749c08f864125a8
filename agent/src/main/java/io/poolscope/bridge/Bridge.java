package io.poolscope.bridge;

/**
 * The static entry points that the inlined pool advice calls. Holds nothing but the current
 * recorder: a do-nothing one until the agent is ready.
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

    public static void leased(Object pool, Object connectionKey) {
        recorder.leased(pool, connectionKey);
    }

    public static void acquireEnd(Object token, Throwable thrown) {
        if (token != null) {
            recorder.acquireEnd(token, thrown);
        }
    }

    public static void acquireTimedOut(Object token) {
        if (token != null) {
            recorder.acquireTimedOut(token);
        }
    }

    public static void released(Object pool, Object connectionKey) {
        recorder.released(pool, connectionKey);
    }

    public static void closed(Object pool, Object connectionKey) {
        recorder.closed(pool, connectionKey);
    }

    public static long createStart(Object pool) {
        return recorder.createStart(pool);
    }

    public static void createEnd(Object pool, long startNanos, Throwable thrown) {
        recorder.createEnd(pool, startNanos, thrown);
    }
}
