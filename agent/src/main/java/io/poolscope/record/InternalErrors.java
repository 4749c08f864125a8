package io.poolscope.record;

import java.util.concurrent.atomic.LongAdder;

/**
 * Failures of poolscope's own code, counted instead of thrown into the application. Only their
 * text is kept: a Throwable's backtrace would keep the application's classes, and so a web
 * application's class loader, alive.
 */
public final class InternalErrors {

    private final LongAdder count = new LongAdder();
    private volatile String first;
    private volatile String last;
    private volatile long lastMillis;

    public void record(Throwable error) {
        count.increment();
        String text = describe(error);
        if (first == null) {
            first = text;
        }
        last = text;
        lastMillis = System.currentTimeMillis();
    }

    private static String describe(Throwable error) {
        StackTraceElement[] frames = error.getStackTrace();
        return error + (frames.length > 0 ? " at " + frames[0] : "");
    }

    public long count() {
        return count.sum();
    }

    /** The first failure as text, for the log; {@code null} if none. */
    public String first() {
        return first;
    }

    /** The latest failure as text; {@code null} if none. */
    public String last() {
        return last;
    }

    /** When the latest failure happened (epoch ms; 0 if none). */
    public long lastMillis() {
        return lastMillis;
    }
}
