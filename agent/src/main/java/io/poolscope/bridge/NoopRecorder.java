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
    public void acquireExit(Object token, Throwable thrown) {
    }

    @Override
    public void acquireTimedOut(Object token) {
    }

    @Override
    public void timeoutRaised(Object pool) {
    }

    @Override
    public void leased(Object pool, Object connectionKey) {
    }

    @Override
    public void leasedOnce(Object pool, Object connectionKey) {
    }

    @Override
    public void released(Object connectionKey) {
    }

    @Override
    public void closed(Object connectionKey) {
    }

    @Override
    public void reclaimed(Object connectionKey) {
    }

    @Override
    public long createStart(Object pool) {
        return 0L;
    }

    @Override
    public void createEnd(Object pool, long startNanos, Throwable thrown) {
    }

    @Override
    public void createSkipped(Object pool) {
    }
}
