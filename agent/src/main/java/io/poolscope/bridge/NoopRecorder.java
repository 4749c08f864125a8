package io.poolscope.bridge;

/** The recorder in place before the agent is ready and after it is switched off: does nothing. */
public final class NoopRecorder implements Recorder {

    public static final Recorder INSTANCE = new NoopRecorder();

    private NoopRecorder() {
    }

    @Override
    public Object acquireStart(Object pool) {
        return null;
    }

    @Override
    public void acquireTimedOut(Object token) {
    }

    @Override
    public void leased(Object pool, Object connectionKey) {
    }

    @Override
    public void acquireEnd(Object token, Throwable thrown) {
    }

    @Override
    public void released(Object pool, Object connectionKey) {
    }

    @Override
    public void closed(Object pool, Object connectionKey) {
    }

    @Override
    public long createStart(Object pool) {
        return 0L;
    }

    @Override
    public void createEnd(Object pool, long startNanos, Throwable thrown) {
    }
}
