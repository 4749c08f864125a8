package io.poolscope.record;

import java.util.concurrent.atomic.LongAdder;

/** Failures of poolscope's own code, counted instead of thrown into the application. */
public final class InternalErrors {

    private final LongAdder count = new LongAdder();
    private volatile Throwable first;
    private volatile Throwable last;

    public void record(Throwable error) {
        count.increment();
        if (first == null) {
            first = error;
        }
        last = error;
    }

    public long count() {
        return count.sum();
    }

    /** The first failure, for the log; {@code null} if none. */
    public Throwable first() {
        return first;
    }

    public Throwable last() {
        return last;
    }
}
